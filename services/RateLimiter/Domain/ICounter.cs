namespace AmazonScale.RateLimiter.Domain;

/// <summary>The per-instance view of one policy applied to one key.</summary>
public interface ICounter
{
    /// <summary>
    /// Decides from in-process state; completes synchronously unless the counter needs a new lease and
    /// <paramref name="waitForOwner"/> is set (otherwise it answers from local knowledge and renews behind).
    /// </summary>
    ValueTask<LimitDecision> AcquireAsync(long weight, bool waitForOwner, CancellationToken cancellationToken);

    LimitDecision Peek();

    void Release(long weight);
}
