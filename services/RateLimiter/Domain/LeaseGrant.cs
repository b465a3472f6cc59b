namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// Units the budget owner carved out of the global budget for one instance. The instance may admit up to
/// <see cref="Granted"/> units until <see cref="ExpiresAt"/>; <see cref="Remaining"/> is what the owner still
/// held after granting, <see cref="RetryAfter"/> when nothing was left.
/// </summary>
public sealed record LeaseGrant(long Granted, DateTimeOffset ExpiresAt, long Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter);
