namespace AmazonScale.RateLimiter.Domain;

/// <summary>A per-client override of a policy's limit, optionally limited in time; the highest priority in force wins.</summary>
public sealed record ClientAssignment(string ClientId, long Limit, int Priority, DateTimeOffset? EffectiveFrom, DateTimeOffset? EffectiveTo)
{
    public bool InForceAt(DateTimeOffset now) =>
        (EffectiveFrom is null || EffectiveFrom <= now) && (EffectiveTo is null || now < EffectiveTo);
}
