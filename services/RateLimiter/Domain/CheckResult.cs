namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// The verdict of a check: allowed only if every enforcing policy allowed it. <see cref="Deciding"/> is the
/// policy that denied, or else the enforcing policy with the least quota left (null when none matched).
/// </summary>
public sealed record CheckResult(bool Allowed, PolicyDecision? Deciding, IReadOnlyList<PolicyDecision> Decisions)
{
    public static CheckResult From(List<PolicyDecision> decisions)
    {
        PolicyDecision? deciding = null;
        foreach (var decision in decisions)
        {
            if (decision.Outcome == DecisionOutcome.Denied)
            {
                return new CheckResult(false, decision, decisions);
            }
            if (!decision.Policy.Shadow && (deciding is null || decision.Decision.Remaining < deciding.Decision.Remaining))
            {
                deciding = decision;
            }
        }
        return new CheckResult(true, deciding, decisions);
    }
}
