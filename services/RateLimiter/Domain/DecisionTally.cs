using System.Collections.Concurrent;

namespace AmazonScale.RateLimiter.Domain;

/// <summary>Per-policy allow/deny counts since the last drain: the source of the aggregated decision events.</summary>
public sealed class DecisionTally : IDecisionSink
{
    private readonly ConcurrentDictionary<string, Counts> _current = new();

    public void Record(PolicyDecision decision, long weight)
    {
        var counts = _current.GetOrAdd(decision.Policy.Id, static _ => new Counts());
        switch (decision.Outcome)
        {
            case DecisionOutcome.Allowed:
                Interlocked.Increment(ref counts.Allowed);
                break;
            case DecisionOutcome.Denied:
                Interlocked.Increment(ref counts.Denied);
                break;
            default:
                Interlocked.Increment(ref counts.ShadowDenied);
                break;
        }
    }

    /// <summary>Returns the counts gathered since the previous drain and starts a new period.</summary>
    public IReadOnlyList<PolicyTally> Drain()
    {
        // Exchanging each count (rather than swapping the dictionary) loses no decision recorded concurrently.
        return _current
            .Select(pair => new PolicyTally(
                pair.Key,
                Interlocked.Exchange(ref pair.Value.Allowed, 0),
                Interlocked.Exchange(ref pair.Value.Denied, 0),
                Interlocked.Exchange(ref pair.Value.ShadowDenied, 0)))
            .Where(tally => tally.Allowed + tally.Denied + tally.ShadowDenied > 0)
            .OrderBy(tally => tally.PolicyId, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Counts
    {
        public long Allowed;
        public long Denied;
        public long ShadowDenied;
    }
}
