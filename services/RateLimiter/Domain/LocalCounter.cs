namespace AmazonScale.RateLimiter.Domain;

/// <summary>A counter whose whole budget lives in this instance.</summary>
public sealed class LocalCounter(ILimiter limiter) : ICounter
{
    public ValueTask<LimitDecision> AcquireAsync(long weight, bool waitForOwner, CancellationToken cancellationToken) =>
        ValueTask.FromResult(limiter.TryAcquire(weight));

    public LimitDecision Peek() => limiter.Peek();

    public void Release(long weight) => limiter.Release(weight);
}
