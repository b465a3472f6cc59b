using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Policies;

/// <summary>A policy as administrators write it (snake_case JSON).</summary>
public sealed record PolicyBody(
    string? Id,
    string? Name,
    RateLimitAlgorithm? Algorithm,
    long? Limit,
    string? Window,
    long? Burst,
    bool? Active,
    bool? Shadow,
    PolicyScope? Scope,
    FailureMode? FailureMode,
    List<string>? Key,
    Dictionary<string, string>? Match);

public sealed record ClientAssignmentBody(string? ClientId, long? Limit, int? Priority, DateTimeOffset? EffectiveFrom, DateTimeOffset? EffectiveTo);

public sealed record PolicyResponse(
    string Id,
    string Name,
    RateLimitAlgorithm Algorithm,
    long Limit,
    string Window,
    long? Burst,
    bool Active,
    bool Shadow,
    PolicyScope Scope,
    FailureMode FailureMode,
    IReadOnlyList<string> Key,
    IReadOnlyDictionary<string, string> Match,
    IReadOnlyList<ClientAssignment> Clients,
    long Version)
{
    public static PolicyResponse From(RateLimitPolicy policy) => new(
        policy.Id, policy.Name, policy.Algorithm, policy.Limit, WindowText.Format(policy.Window), policy.Burst, policy.Active,
        policy.Shadow, policy.Scope, policy.FailureMode, policy.Key, policy.Match, policy.Clients, policy.Version);
}
