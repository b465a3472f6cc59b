namespace AmazonScale.RateLimiter.Events;

/// <summary>One instance's allow/deny counts per policy over one period (one event per second, never per check).</summary>
public sealed record RateLimitDecisionsAggregated(string Instance, DateTimeOffset PeriodStart, double PeriodSeconds, IReadOnlyList<PolicyDecisionCounts> Policies);

public sealed record PolicyDecisionCounts(string PolicyId, long Allowed, long Denied, long ShadowDenied);
