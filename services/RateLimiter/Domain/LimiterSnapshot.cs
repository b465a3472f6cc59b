namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// A limiter's state, so a budget owner can be persisted and resumed by another instance.
/// <see cref="Stamp"/>: window start or last refill (UTC ticks); <see cref="Level"/>: tokens or current count;
/// <see cref="Previous"/>: the previous window's count; <see cref="Log"/>: (ticks, weight) pairs of the exact log.
/// </summary>
public sealed record LimiterSnapshot(long Stamp, double Level, long Previous, long[]? Log);
