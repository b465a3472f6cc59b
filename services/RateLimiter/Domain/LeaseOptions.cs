namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// How instances share a global budget. Worst-case over-admission of a global policy is the sum of the
/// leases outstanding at instances: at most instances × 2 × lease size (one lease in use, one renewal),
/// where lease size = ceil(capacity × <see cref="LeaseFraction"/>). Fixed windows end every lease at the
/// window boundary, so with one clock their slack is 0; sliding windows and token buckets can spend a
/// lease up to <see cref="MaxLeaseDuration"/> after the owner counted it (still within that bound: a unit spent late
/// was outstanding at the start of the window it lands in).
/// </summary>
public sealed record LeaseOptions
{
    public double LeaseFraction { get; init; } = 0.1;

    /// <summary>
    /// Life of a sliding-window or token-bucket lease (capped at the window). Every key in use renews at a random point
    /// between 1/2 and 3/4 of it, so it sets the owner call rate: keys ÷ (0.625 × life) on average, e.g. 1,024 hot keys
    /// cost 328 actor calls/s at 5 s and 55/s at 30 s. The price of a longer life is availability, not accuracy: units leased to an
    /// instance that stops using the key stay unusable by the others until the lease expires.
    /// </summary>
    public TimeSpan MaxLeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a policy stays in its failure mode after the owner failed before the owner is tried again.</summary>
    public TimeSpan OwnerRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan OwnerTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public long LeaseSizeFor(LimitSpec spec) =>
        Math.Clamp((long)Math.Ceiling(spec.Capacity * LeaseFraction), 1, Math.Max(1, spec.Capacity));

    /// <summary>The documented bound: no more than this many units beyond the limit are ever admitted globally.</summary>
    public long MaxOverAdmission(LimitSpec spec, int instances) =>
        spec.Algorithm == RateLimitAlgorithm.FixedWindow ? 0 : instances * 2 * LeaseSizeFor(spec);
}
