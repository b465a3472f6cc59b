using System.Diagnostics.Metrics;
using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter;

/// <summary>
/// OpenTelemetry metrics named after the semantic conventions' rules (dot-separated namespace, UCUM units,
/// {annotation} units for counts, error.type on failures), modelled on aspnetcore.rate_limiting.*.
/// </summary>
public sealed class RateLimiterMetrics : IDecisionSink
{
    public const string MeterName = "AmazonScale.RateLimiter";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _leaseDuration;

    public RateLimiterMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("ratelimiter.decisions", "{decision}", "Policy verdicts, by policy and result.");
        _leaseDuration = meter.CreateHistogram<double>(
            "ratelimiter.lease.duration",
            "s",
            "Time to obtain a lease from a budget owner.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public void Record(PolicyDecision decision, long weight) =>
        _decisions.Add(1,
            new KeyValuePair<string, object?>("ratelimiter.policy.id", decision.Policy.Id),
            new KeyValuePair<string, object?>("ratelimiter.decision.result", ResultName(decision.Outcome)));

    public void RecordLease(TimeSpan duration, string? error)
    {
        if (error is null)
        {
            _leaseDuration.Record(duration.TotalSeconds);
        }
        else
        {
            _leaseDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("error.type", error));
        }
    }

    private static string ResultName(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Allowed => "allowed",
        DecisionOutcome.Denied => "denied",
        _ => "shadow_denied",
    };
}
