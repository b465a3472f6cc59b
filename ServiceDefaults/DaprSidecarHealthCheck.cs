using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Healthy when the Dapr sidecar's outbound building blocks answer. Uses /v1.0/healthz/outbound
/// because the sidecar's own /v1.0/healthz waits for this app to be up, which would deadlock start-up.
/// </summary>
public sealed class DaprSidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await dapr.CheckOutboundHealthAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Dapr sidecar outbound health check failed.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("Dapr sidecar is unreachable.", ex);
        }
    }
}
