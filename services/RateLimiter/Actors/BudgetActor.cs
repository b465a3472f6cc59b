using AmazonScale.RateLimiter.Domain;
using Dapr.Actors.Runtime;

namespace AmazonScale.RateLimiter.Actors;

/// <summary>
/// The single writer of one global budget. Its state is saved with every grant (one state write per
/// lease, never per check), so whichever instance activates it next resumes the same budget.
/// </summary>
public sealed class BudgetActor(ActorHost host, TimeProvider clock, RateLimiterOptions options) : Actor(host), IBudgetActor
{
    private const string StateName = "budget";
    private BudgetOwner? _owner;

    public async Task<LeaseGrant> AcquireLease(LeaseRequest request)
    {
        var owner = await OwnerForAsync(request.Spec);
        var grant = owner.Grant(request.Want);
        await StateManager.SetStateAsync(StateName, new StoredBudget(request.Spec, owner.Capture()));
        return grant;
    }

    private async Task<BudgetOwner> OwnerForAsync(LimitSpec spec)
    {
        if (_owner?.Spec == spec)
        {
            return _owner;
        }
        _owner = new BudgetOwner(spec, clock, options.Leases);
        var stored = await StateManager.TryGetStateAsync<StoredBudget>(StateName);
        if (stored.HasValue && stored.Value.Spec == spec)
        {
            _owner.Restore(stored.Value.Snapshot);
        }
        return _owner;
    }

    public sealed record StoredBudget(LimitSpec Spec, LimiterSnapshot Snapshot);
}
