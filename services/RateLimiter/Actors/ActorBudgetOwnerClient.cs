using System.Diagnostics;
using AmazonScale.RateLimiter.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.RateLimiter.Actors;

/// <summary>Reaches a budget's owner through the Dapr actors API (the sidecar routes to whichever instance hosts it).</summary>
public sealed class ActorBudgetOwnerClient(IActorProxyFactory proxies, RateLimiterMetrics metrics) : IBudgetOwnerClient
{
    public async Task<LeaseGrant> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var proxy = proxies.Create(new ActorId(request.BudgetId), nameof(BudgetActor));
            var grant = await proxy.InvokeMethodAsync<LeaseRequest, LeaseGrant>(nameof(IBudgetActor.AcquireLease), request, cancellationToken);
            metrics.RecordLease(Stopwatch.GetElapsedTime(started), error: null);
            return grant;
        }
        catch (Exception ex)
        {
            metrics.RecordLease(Stopwatch.GetElapsedTime(started), ex.GetType().Name);
            throw;
        }
    }
}
