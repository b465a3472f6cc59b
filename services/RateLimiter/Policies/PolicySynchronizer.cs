using AmazonScale.RateLimiter.Domain;
using Dapr;
using Dapr.Client;

namespace AmazonScale.RateLimiter.Policies;

/// <summary>
/// Keeps the engine's policies equal to the state store: loads them at start (retrying until the sidecar
/// answers), applies each change event, re-reads everything periodically in case an event was missed, and
/// sweeps idle counters.
/// </summary>
public sealed class PolicySynchronizer(
    PolicyStore store,
    RateLimitEngine engine,
    RateLimiterOptions options,
    TimeProvider clock,
    ILogger<PolicySynchronizer> logger) : BackgroundService
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first full load succeeded.</summary>
    public Task Loaded => _loaded.Task;

    public async Task ApplyChangeAsync(string policyId, CancellationToken cancellationToken)
    {
        var policy = await store.GetAsync(policyId, cancellationToken);
        var changed = policy is null ? engine.Remove(policyId) : engine.Upsert(policy);
        logger.LogInformation("Policy {PolicyId} {Change}", policyId, !changed ? "already current" : policy is null ? "removed" : $"now at version {policy.Version}");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var policies = await store.LoadAllAsync(stoppingToken);
                engine.ReplaceAll(policies);
                engine.Sweep(options.CounterIdleTimeout);
                if (_loaded.TrySetResult())
                {
                    logger.LogInformation("Loaded {Count} rate limit policies", policies.Count);
                }
                delay = options.PolicyResyncInterval;
            }
            catch (Exception ex) when (ex is DaprException or HttpRequestException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not load policies from the state store; retrying");
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
            await Task.Delay(delay, clock, stoppingToken);
        }
    }
}
