namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// Exact sliding window: remembers every admission of the last Window and admits while their total
/// stays within Limit. Memory grows with Limit, which is why policies cap Limit for this algorithm.
/// </summary>
public sealed class SlidingWindowLogLimiter(LimitSpec spec, TimeProvider clock) : ILimiter
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(long At, long Weight)> _log = new();
    private long _total;

    public LimitSpec Spec { get; } = spec;

    public LimitDecision TryAcquire(long weight)
    {
        lock (_gate)
        {
            var now = Evict();
            if (_total + weight <= Spec.Limit)
            {
                _log.AddLast((now, weight));
                _total += weight;
                return LimitDecision.Allow(Spec.Limit, Spec.Limit - _total, ResetAfter(now));
            }
            return LimitDecision.Deny(Spec.Limit, Spec.Limit - _total, ResetAfter(now), RetryAfter(now, weight));
        }
    }

    public LimitDecision Peek()
    {
        lock (_gate)
        {
            var now = Evict();
            return LimitDecision.Allow(Spec.Limit, Spec.Limit - _total, ResetAfter(now));
        }
    }

    public void Release(long weight)
    {
        lock (_gate)
        {
            while (weight > 0 && _log.Last is { } last)
            {
                var taken = Math.Min(weight, last.Value.Weight);
                _total -= taken;
                weight -= taken;
                if (taken == last.Value.Weight)
                {
                    _log.RemoveLast();
                }
                else
                {
                    last.Value = (last.Value.At, last.Value.Weight - taken);
                }
            }
        }
    }

    public LimiterSnapshot Capture()
    {
        lock (_gate)
        {
            return new LimiterSnapshot(0, _total, 0, _log.SelectMany(entry => new[] { entry.At, entry.Weight }).ToArray());
        }
    }

    public void Restore(LimiterSnapshot snapshot)
    {
        lock (_gate)
        {
            _log.Clear();
            _total = 0;
            var pairs = snapshot.Log ?? [];
            for (var index = 0; index + 1 < pairs.Length; index += 2)
            {
                _log.AddLast((pairs[index], pairs[index + 1]));
                _total += pairs[index + 1];
            }
        }
    }

    private long Evict()
    {
        var now = clock.GetUtcNow().UtcTicks;
        while (_log.First is { } first && first.Value.At <= now - Spec.Window.Ticks)
        {
            _total -= first.Value.Weight;
            _log.RemoveFirst();
        }
        return now;
    }

    private TimeSpan ResetAfter(long now) =>
        _log.Last is { } newest ? TimeSpan.FromTicks(newest.Value.At + Spec.Window.Ticks - now) : TimeSpan.Zero;

    private TimeSpan RetryAfter(long now, long weight)
    {
        if (weight > Spec.Limit)
        {
            return Spec.Window;
        }
        var needed = _total + weight - Spec.Limit;
        foreach (var (at, entryWeight) in _log)
        {
            needed -= entryWeight;
            if (needed <= 0)
            {
                return TimeSpan.FromTicks(at + Spec.Window.Ticks - now);
            }
        }
        return Spec.Window;
    }
}
