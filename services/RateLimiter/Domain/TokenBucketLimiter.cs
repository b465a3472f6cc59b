namespace AmazonScale.RateLimiter.Domain;

/// <summary>Capacity <see cref="LimitSpec.Burst"/>, refilled continuously at Limit per Window.</summary>
public sealed class TokenBucketLimiter : ILimiter
{
    private readonly TimeProvider _clock;
    private readonly double _tokensPerTick;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastRefill;

    public TokenBucketLimiter(LimitSpec spec, TimeProvider clock)
    {
        Spec = spec;
        _clock = clock;
        _tokensPerTick = (double)spec.Limit / spec.Window.Ticks;
        _tokens = spec.Burst;
        _lastRefill = clock.GetUtcNow().UtcTicks;
    }

    public LimitSpec Spec { get; }

    public LimitDecision TryAcquire(long weight)
    {
        lock (_gate)
        {
            Refill();
            if (_tokens >= weight)
            {
                _tokens -= weight;
                return LimitDecision.Allow(Spec.Burst, (long)_tokens, TimeUntil(Spec.Burst));
            }
            var retryAfter = weight > Spec.Burst ? Spec.Window : TimeUntil(weight);
            return LimitDecision.Deny(Spec.Burst, (long)_tokens, TimeUntil(Spec.Burst), retryAfter);
        }
    }

    public LimitDecision Peek()
    {
        lock (_gate)
        {
            Refill();
            return LimitDecision.Allow(Spec.Burst, (long)_tokens, TimeUntil(Spec.Burst));
        }
    }

    public void Release(long weight)
    {
        lock (_gate)
        {
            _tokens = Math.Min(Spec.Burst, _tokens + weight);
        }
    }

    public LimiterSnapshot Capture()
    {
        lock (_gate)
        {
            return new LimiterSnapshot(_lastRefill, _tokens, 0, null);
        }
    }

    public void Restore(LimiterSnapshot snapshot)
    {
        lock (_gate)
        {
            (_lastRefill, _tokens) = (snapshot.Stamp, Math.Min(Spec.Burst, snapshot.Level));
        }
    }

    private void Refill()
    {
        var now = _clock.GetUtcNow().UtcTicks;
        if (now > _lastRefill)
        {
            _tokens = Math.Min(Spec.Burst, _tokens + (now - _lastRefill) * _tokensPerTick);
            _lastRefill = now;
        }
    }

    private TimeSpan TimeUntil(double tokens) =>
        tokens <= _tokens ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling((tokens - _tokens) / _tokensPerTick));
}
