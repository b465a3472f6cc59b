namespace AmazonScale.RateLimiter.Policies;

/// <summary>Someone else changed the same state key between our read and our write.</summary>
public sealed class PolicyConflictException(string key) : Exception($"'{key}' was changed concurrently; retry the request.");
