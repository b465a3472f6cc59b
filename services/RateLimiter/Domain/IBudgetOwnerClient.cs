namespace AmazonScale.RateLimiter.Domain;

/// <summary>Reaches whoever owns a global budget (an actor in the service); throws when it cannot be reached.</summary>
public interface IBudgetOwnerClient
{
    Task<LeaseGrant> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken);
}
