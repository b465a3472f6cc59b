namespace AmazonScale.RateLimiter.Events;

/// <summary>
/// Published on the broadcast pub/sub after a policy was written to the state store; every instance
/// re-reads the policy from the store (the source of truth) and applies it.
/// </summary>
public sealed record PolicyChanged(string PolicyId, long Version, bool Deleted);
