namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// One counter's answer. <see cref="ResetAfter"/> is when the quota is fully available again,
/// <see cref="RetryAfter"/> (zero when allowed) when the same request would next be allowed.
/// </summary>
public readonly record struct LimitDecision(bool Allowed, long Limit, long Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter)
{
    public static LimitDecision Allow(long limit, long remaining, TimeSpan resetAfter) =>
        new(true, limit, Math.Max(0, remaining), Positive(resetAfter), TimeSpan.Zero);

    public static LimitDecision Deny(long limit, long remaining, TimeSpan resetAfter, TimeSpan retryAfter) =>
        new(false, limit, Math.Max(0, remaining), Positive(resetAfter), Positive(retryAfter));

    private static TimeSpan Positive(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
