namespace AmazonScale.RateLimiter.Domain;

/// <summary>A request for up to <see cref="Want"/> units of the budget identified by <see cref="BudgetId"/> under <see cref="Spec"/>.</summary>
public sealed record LeaseRequest(string BudgetId, LimitSpec Spec, long Want);
