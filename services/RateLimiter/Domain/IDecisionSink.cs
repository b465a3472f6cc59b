namespace AmazonScale.RateLimiter.Domain;

/// <summary>Observes every policy verdict (aggregated events, metrics, shadow-mode logging).</summary>
public interface IDecisionSink
{
    void Record(PolicyDecision decision, long weight);
}
