namespace AmazonScale.RateLimiter.Domain;

/// <summary>At most Limit units per epoch-aligned window; the count resets at each window boundary.</summary>
public sealed class FixedWindowLimiter(LimitSpec spec, TimeProvider clock) : ILimiter
{
    private readonly Lock _gate = new();
    private long _windowStart = long.MinValue;
    private long _count;

    public LimitSpec Spec { get; } = spec;

    public LimitDecision TryAcquire(long weight)
    {
        lock (_gate)
        {
            var resetAfter = Roll();
            if (_count + weight <= Spec.Limit)
            {
                _count += weight;
                return LimitDecision.Allow(Spec.Limit, Spec.Limit - _count, resetAfter);
            }
            var retryAfter = weight > Spec.Limit ? resetAfter + Spec.Window : resetAfter;
            return LimitDecision.Deny(Spec.Limit, Spec.Limit - _count, resetAfter, retryAfter);
        }
    }

    public LimitDecision Peek()
    {
        lock (_gate)
        {
            var resetAfter = Roll();
            return LimitDecision.Allow(Spec.Limit, Spec.Limit - _count, resetAfter);
        }
    }

    public void Release(long weight)
    {
        lock (_gate)
        {
            _count = Math.Max(0, _count - weight);
        }
    }

    public LimiterSnapshot Capture()
    {
        lock (_gate)
        {
            return new LimiterSnapshot(_windowStart, _count, 0, null);
        }
    }

    public void Restore(LimiterSnapshot snapshot)
    {
        lock (_gate)
        {
            (_windowStart, _count) = (snapshot.Stamp, (long)snapshot.Level);
        }
    }

    private TimeSpan Roll()
    {
        var now = clock.GetUtcNow().UtcTicks;
        var start = WindowClock.WindowStart(now, Spec.Window);
        if (start != _windowStart)
        {
            _windowStart = start;
            _count = 0;
        }
        return TimeSpan.FromTicks(start + Spec.Window.Ticks - now);
    }
}
