using AmazonScale.RateLimiter.Domain;
using Dapr.Actors;

namespace AmazonScale.RateLimiter.Actors;

/// <summary>Owns one global budget (actor id = budget id) and hands out leases on it.</summary>
public interface IBudgetActor : IActor
{
    Task<LeaseGrant> AcquireLease(LeaseRequest request);
}
