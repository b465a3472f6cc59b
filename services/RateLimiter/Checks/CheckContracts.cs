using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Checks;

public sealed record CheckBody(string? ClientId, Dictionary<string, string>? Descriptors, long? Weight, bool? Async);

/// <summary>The verdict of a check; retry_after is in whole seconds (0 when allowed).</summary>
public sealed record CheckResponse(
    bool Allowed,
    long? RemainingQuota,
    DateTimeOffset? ResetTime,
    long RetryAfter,
    string? PolicyApplied,
    IReadOnlyList<PolicyVerdict> Policies)
{
    public static CheckResponse From(CheckResult result, DateTimeOffset now)
    {
        var deciding = result.Deciding?.Decision;
        return new CheckResponse(
            result.Allowed,
            deciding?.Remaining,
            deciding is { } decision ? now + decision.ResetAfter : null,
            deciding is { Allowed: false } denied ? RateLimitHeaders.RetryAfterSeconds(denied.RetryAfter) : 0,
            result.Deciding?.Policy.Id,
            Verdicts(result.Decisions, now));
    }

    public static PolicyVerdict[] Verdicts(IReadOnlyList<PolicyDecision> decisions, DateTimeOffset now)
    {
        var verdicts = new PolicyVerdict[decisions.Count];
        for (var i = 0; i < verdicts.Length; i++)
        {
            verdicts[i] = PolicyVerdict.From(decisions[i], now);
        }
        return verdicts;
    }
}

public sealed record PolicyVerdict(string Policy, bool Allowed, bool Shadow, long Limit, long Remaining, DateTimeOffset ResetTime, long RetryAfter)
{
    public static PolicyVerdict From(PolicyDecision decision, DateTimeOffset now) => new(
        decision.Policy.Id,
        decision.Decision.Allowed,
        decision.Policy.Shadow,
        decision.Decision.Limit,
        decision.Decision.Remaining,
        now + decision.Decision.ResetAfter,
        decision.Decision.Allowed ? 0 : RateLimitHeaders.RetryAfterSeconds(decision.Decision.RetryAfter));
}

public sealed record StatusResponse(string? ClientId, IReadOnlyList<PolicyVerdict> Policies);
