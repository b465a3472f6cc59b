namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>Component YAML for the three components the service needs, on the backends the tests use.</summary>
public static class Components
{
    public static string InMemoryState() => Component(DaprComponents.StateStore, "state.in-memory");

    public static string SqliteState(string databasePath) =>
        Component(DaprComponents.StateStore, "state.sqlite", ("connectionString", databasePath), ("busyTimeout", "30s"));

    public static string RedisState(string address) => Component(DaprComponents.StateStore, "state.redis", ("redisHost", address));

    /// <summary>consumerID "{uuid}" makes every instance its own consumer group: a broadcast.</summary>
    public const string EveryInstance = "{uuid}";

    public static string InMemoryPubSub(string name, string? consumerId = null) =>
        Component(name, "pubsub.in-memory", consumerId is null ? [] : [("consumerID", consumerId)]);

    public static string RedisPubSub(string name, string address, string? consumerId = null) =>
        Component(name, "pubsub.redis", consumerId is null ? [("redisHost", address)] : [("redisHost", address), ("consumerID", consumerId)]);

    private static string Component(string name, string type, params (string Name, string Value)[] metadata)
    {
        var items = string.Concat(metadata.Select(item => $"\n  - name: {item.Name}\n    value: \"{item.Value}\""));
        return $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: {type}
              version: v1
              metadata:{(metadata.Length == 0 ? " []" : items.Replace("\n", "\n  "))}
            """;
    }
}
