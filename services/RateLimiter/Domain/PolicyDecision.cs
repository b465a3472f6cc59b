namespace AmazonScale.RateLimiter.Domain;

/// <summary>One policy's verdict within a check.</summary>
public sealed record PolicyDecision(RateLimitPolicy Policy, LimitDecision Decision)
{
    public DecisionOutcome Outcome => Decision.Allowed
        ? DecisionOutcome.Allowed
        : Policy.Shadow ? DecisionOutcome.ShadowDenied : DecisionOutcome.Denied;
}
