namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// The verdict of a check: allowed only if every enforcing policy allowed it. <see cref="Deciding"/> is the
/// policy that denied, or else the enforcing policy with the least quota left (null when none matched).
/// <see cref="Enforcing"/> are the decisions of the non-shadow policies (what the RateLimit headers describe).
/// </summary>
public sealed record CheckResult(bool Allowed, PolicyDecision? Deciding, IReadOnlyList<PolicyDecision> Decisions, IReadOnlyList<PolicyDecision> Enforcing)
{
    public static CheckResult From(IReadOnlyList<PolicyDecision> decisions)
    {
        PolicyDecision? deciding = null;
        for (var i = 0; i < decisions.Count; i++)
        {
            var decision = decisions[i];
            if (decision.Outcome == DecisionOutcome.Denied)
            {
                return new CheckResult(false, decision, decisions, EnforcingOf(decisions));
            }
            if (!decision.Policy.Shadow && (deciding is null || decision.Decision.Remaining < deciding.Decision.Remaining))
            {
                deciding = decision;
            }
        }
        return new CheckResult(true, deciding, decisions, EnforcingOf(decisions));
    }

    /// <summary>Without shadow policies (the usual case) the enforcing decisions are all of them: no second list per check.</summary>
    private static IReadOnlyList<PolicyDecision> EnforcingOf(IReadOnlyList<PolicyDecision> decisions)
    {
        for (var i = 0; i < decisions.Count; i++)
        {
            if (decisions[i].Policy.Shadow)
            {
                return [.. decisions.Where(decision => !decision.Policy.Shadow)];
            }
        }
        return decisions;
    }
}
