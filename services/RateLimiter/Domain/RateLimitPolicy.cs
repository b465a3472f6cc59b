namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// A rule: checks whose descriptors contain every <see cref="Match"/> pair are limited, with one counter
/// per distinct combination of the <see cref="Key"/> descriptors' values. <see cref="Version"/> grows with
/// every change so counters of an older definition are never reused.
/// </summary>
public sealed record RateLimitPolicy(
    string Id,
    string Name,
    RateLimitAlgorithm Algorithm,
    long Limit,
    TimeSpan Window,
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
    public const string ClientIdDescriptor = "client_id";

    public LimitSpec SpecFor(long limit) =>
        LimitSpec.Create(Algorithm, limit, Window, Burst is { } burst ? burst * limit / Limit : null);

    /// <summary>The override in force for this client now, if any (highest priority, then latest start).</summary>
    public ClientAssignment? AssignmentFor(string? clientId, DateTimeOffset now)
    {
        if (clientId is null || Clients.Count == 0)
        {
            return null;
        }
        ClientAssignment? best = null;
        foreach (var assignment in Clients)
        {
            if (assignment.ClientId == clientId && assignment.InForceAt(now)
                && (best is null || assignment.Priority > best.Priority
                    || (assignment.Priority == best.Priority && (assignment.EffectiveFrom ?? DateTimeOffset.MinValue) > (best.EffectiveFrom ?? DateTimeOffset.MinValue))))
            {
                best = assignment;
            }
        }
        return best;
    }
}
