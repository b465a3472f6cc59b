namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// The single authority for one global budget: runs the policy's algorithm over everything granted and
/// hands out leases (slices of it) that instances then spend locally.
/// </summary>
public sealed class BudgetOwner(LimitSpec spec, TimeProvider clock, LeaseOptions options)
{
    private readonly ILimiter _budget = LimiterFactory.Create(spec, clock);

    public LimitSpec Spec => spec;

    public LimiterSnapshot Capture() => _budget.Capture();

    public void Restore(LimiterSnapshot snapshot) => _budget.Restore(snapshot);

    public LeaseGrant Grant(long want)
    {
        var now = clock.GetUtcNow();
        var granted = Math.Min(Math.Max(1, want), _budget.Peek().Remaining);
        if (granted <= 0)
        {
            var denied = _budget.TryAcquire(1);
            return new LeaseGrant(0, now, 0, denied.ResetAfter, denied.RetryAfter);
        }
        var decision = _budget.TryAcquire(granted);
        var lifetime = spec.Algorithm == RateLimitAlgorithm.FixedWindow && decision.ResetAfter < options.MaxLeaseDuration
            ? decision.ResetAfter
            : TimeSpan.FromTicks(Math.Min(options.MaxLeaseDuration.Ticks, spec.Window.Ticks));
        return new LeaseGrant(granted, now + lifetime, decision.Remaining, decision.ResetAfter, TimeSpan.Zero);
    }
}
