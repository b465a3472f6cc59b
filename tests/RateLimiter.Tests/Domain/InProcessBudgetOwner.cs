using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Tests.Domain;

/// <summary>
/// Plays the actor runtime for lease tests: one real <see cref="BudgetOwner"/> per budget id, one call at a
/// time (the actor turn), and a switch to make the owner unreachable.
/// </summary>
internal sealed class InProcessBudgetOwner(TimeProvider clock, LeaseOptions options) : IBudgetOwnerClient
{
    private readonly Dictionary<string, BudgetOwner> _owners = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _granted;

    public bool Unreachable { get; set; }

    public long Granted => Interlocked.Read(ref _granted);

    public async Task<LeaseGrant> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (Unreachable)
            {
                throw new HttpRequestException("owner unreachable");
            }
            if (!_owners.TryGetValue(request.BudgetId, out var owner))
            {
                _owners[request.BudgetId] = owner = new BudgetOwner(request.Spec, clock, options);
            }
            var grant = owner.Grant(request.Want);
            Interlocked.Add(ref _granted, grant.Granted);
            return grant;
        }
        finally
        {
            _turn.Release();
        }
    }
}
