namespace AmazonScale.RateLimiter.Domain;

/// <summary>One thread-safe counter (a policy applied to one key) deciding from in-process state.</summary>
public interface ILimiter
{
    LimitSpec Spec { get; }

    /// <summary>Admits <paramref name="weight"/> units if the quota allows it; denies without consuming otherwise.</summary>
    LimitDecision TryAcquire(long weight);

    /// <summary>Current usage without consuming anything.</summary>
    LimitDecision Peek();

    /// <summary>Gives back units admitted a moment ago (a sibling policy of the same check denied it).</summary>
    void Release(long weight);

    LimiterSnapshot Capture();

    void Restore(LimiterSnapshot snapshot);
}
