namespace AmazonScale.UrlShortener;

/// <summary>
/// The Dapr components this service needs, named once. Every components/&lt;profile&gt; folder provides them.
/// </summary>
public static class DaprComponents
{
    /// <summary>Transactional state store with ETags, first-write concurrency and TTL.</summary>
    public const string StateStore = "statestore";

    /// <summary>Competing-consumer pub/sub: each event is handled by one instance of the app (analytics).</summary>
    public const string PubSub = "pubsub";

    /// <summary>
    /// Fan-out pub/sub: its YAML sets consumerID "{uuid}", so every instance is its own consumer group and
    /// receives every event (cache invalidation).
    /// </summary>
    public const string Broadcast = "broadcast";
}
