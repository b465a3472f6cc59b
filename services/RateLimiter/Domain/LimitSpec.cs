namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// What one counter enforces: at most <see cref="Limit"/> units per <see cref="Window"/>. For the token
/// bucket the window sets the refill rate (Limit per Window) and <see cref="Burst"/> the capacity.
/// </summary>
public sealed record LimitSpec(RateLimitAlgorithm Algorithm, long Limit, TimeSpan Window, long Burst)
{
    public static LimitSpec Create(RateLimitAlgorithm algorithm, long limit, TimeSpan window, long? burst = null) =>
        new(algorithm, limit, window, burst ?? limit);

    /// <summary>The most units a caller could ever be granted at once (the bucket capacity for token buckets).</summary>
    public long Capacity => Algorithm == RateLimitAlgorithm.TokenBucket ? Burst : Limit;
}
