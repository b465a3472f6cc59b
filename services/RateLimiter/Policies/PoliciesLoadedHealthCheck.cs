using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AmazonScale.RateLimiter.Policies;

/// <summary>
/// Ready only once the policies were loaded through the Dapr client. The sidecar check alone is not enough: it
/// probes the sidecar over HTTP, while policies and state go over gRPC, whose channel may still be backing off
/// from connection attempts made before the sidecar listened — a policy created then would fail with 503.
/// </summary>
public sealed class PoliciesLoadedHealthCheck(PolicySynchronizer synchronizer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(synchronizer.Loaded.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Rate limit policies not loaded from the state store yet."));
}
