namespace AmazonScale.RateLimiter.Domain;

public sealed record PolicyTally(string PolicyId, long Allowed, long Denied, long ShadowDenied);
