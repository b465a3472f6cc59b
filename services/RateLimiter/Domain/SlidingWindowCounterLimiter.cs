namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// Two-counter approximation of a sliding window: estimate = previous × (1 − elapsed fraction) + current.
/// It assumes the previous window's traffic was spread evenly. Error bound: over any real sliding window
/// of length Window ending at fraction f of the current window, admissions never exceed
/// Limit + previous × f (≤ 2 × Limit when the previous window's traffic all arrived at its very end);
/// with evenly spread traffic the estimate is exact.
/// </summary>
public sealed class SlidingWindowCounterLimiter(LimitSpec spec, TimeProvider clock) : ILimiter
{
    private readonly Lock _gate = new();
    private long _windowStart = long.MinValue;
    private long _previous;
    private long _current;

    public LimitSpec Spec { get; } = spec;

    public LimitDecision TryAcquire(long weight)
    {
        lock (_gate)
        {
            var (now, previousWeight) = Roll();
            var estimate = _previous * previousWeight + _current;
            if (estimate + weight <= Spec.Limit)
            {
                _current += weight;
                return LimitDecision.Allow(Spec.Limit, (long)(Spec.Limit - estimate - weight), ResetAfter(now));
            }
            return LimitDecision.Deny(Spec.Limit, (long)(Spec.Limit - estimate), ResetAfter(now), RetryAfter(now, weight));
        }
    }

    public LimitDecision Peek()
    {
        lock (_gate)
        {
            var (now, previousWeight) = Roll();
            return LimitDecision.Allow(Spec.Limit, (long)(Spec.Limit - (_previous * previousWeight + _current)), ResetAfter(now));
        }
    }

    public void Release(long weight)
    {
        lock (_gate)
        {
            _current = Math.Max(0, _current - weight);
        }
    }

    public LimiterSnapshot Capture()
    {
        lock (_gate)
        {
            return new LimiterSnapshot(_windowStart, _current, _previous, null);
        }
    }

    public void Restore(LimiterSnapshot snapshot)
    {
        lock (_gate)
        {
            (_windowStart, _current, _previous) = (snapshot.Stamp, (long)snapshot.Level, snapshot.Previous);
        }
    }

    private (long Now, double PreviousWeight) Roll()
    {
        var now = clock.GetUtcNow().UtcTicks;
        var start = WindowClock.WindowStart(now, Spec.Window);
        if (start != _windowStart)
        {
            _previous = start - _windowStart == Spec.Window.Ticks ? _current : 0;
            _current = 0;
            _windowStart = start;
        }
        return (now, 1.0 - (double)(now - start) / Spec.Window.Ticks);
    }

    private TimeSpan ResetAfter(long now) => TimeSpan.FromTicks(_windowStart + Spec.Window.Ticks - now);

    /// <summary>The previous window's share decays linearly, so solve previous × (1 − f) + current + weight ≤ Limit for f.</summary>
    private TimeSpan RetryAfter(long now, long weight)
    {
        var untilNextWindow = ResetAfter(now);
        if (weight > Spec.Limit || _current + weight > Spec.Limit || _previous == 0)
        {
            // Only the next window can help: by then "current" becomes "previous" and decays from there.
            return weight > Spec.Limit ? untilNextWindow + Spec.Window : untilNextWindow;
        }
        var fraction = 1.0 - (double)(Spec.Limit - _current - weight) / _previous;
        var at = _windowStart + (long)Math.Ceiling(fraction * Spec.Window.Ticks);
        return TimeSpan.FromTicks(Math.Max(0, at - now));
    }
}
