namespace AmazonScale.UrlShortener.Events;

/// <summary>
/// The visits one instance recorded over a few milliseconds, published on "pubsub" as ONE message (one instance
/// aggregates each batch). One message per batch rather than per visit keeps the broker's and the sidecar's work per
/// click small; <see cref="BatchId"/> (random, non-zero) is what day documents remember so that a redelivered batch —
/// pub/sub is at-least-once — is counted once.
/// </summary>
public sealed record UrlVisitBatch(long BatchId, IReadOnlyList<UrlVisited> Visits)
{
    /// <summary>A fresh batch id: random and non-zero (zero is what a missing id decodes to).</summary>
    public static long NewId()
    {
        long id;
        do
        {
            id = Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        }
        while (id == 0);
        return id;
    }
}
