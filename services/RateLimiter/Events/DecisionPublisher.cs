using AmazonScale.RateLimiter.Domain;
using Dapr;
using Dapr.Client;

namespace AmazonScale.RateLimiter.Events;

/// <summary>Every second, publishes the decisions tallied since the last period and logs shadow-mode denials.</summary>
public sealed class DecisionPublisher(
    DecisionTally tally,
    DaprClient dapr,
    TimeProvider clock,
    RateLimiterOptions options,
    ILogger<DecisionPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.DecisionEventInterval, clock);
        var periodStart = clock.GetUtcNow();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            var tallies = tally.Drain();
            if (tallies.Count > 0)
            {
                await PublishAsync(periodStart, now, tallies, stoppingToken);
            }
            periodStart = now;
        }
    }

    private async Task PublishAsync(DateTimeOffset periodStart, DateTimeOffset now, IReadOnlyList<PolicyTally> tallies, CancellationToken cancellationToken)
    {
        foreach (var shadow in tallies.Where(entry => entry.ShadowDenied > 0))
        {
            logger.LogInformation("Shadow policy {PolicyId} would have denied {Count} checks since {PeriodStart:O}", shadow.PolicyId, shadow.ShadowDenied, periodStart);
        }
        var aggregated = new RateLimitDecisionsAggregated(
            options.InstanceId,
            periodStart,
            (now - periodStart).TotalSeconds,
            tallies.Select(entry => new PolicyDecisionCounts(entry.PolicyId, entry.Allowed, entry.Denied, entry.ShadowDenied)).ToList());
        try
        {
            await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(RateLimitDecisionsAggregated), aggregated, cancellationToken);
        }
        catch (Exception ex) when (ex is DaprException or HttpRequestException)
        {
            // Decisions must never wait on telemetry; a lost period shows as a gap for the consumer.
            logger.LogWarning(ex, "Could not publish decision counts for {PolicyCount} policies", tallies.Count);
        }
    }
}
