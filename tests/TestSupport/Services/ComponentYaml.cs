namespace AmazonScale.TestSupport.Services;

/// <summary>Dapr Component YAML for tests, written the way a user would write it in components/.</summary>
public static class ComponentYaml
{
    /// <summary>consumerID "{uuid}" makes every instance its own consumer group: a broadcast.</summary>
    public const string EveryInstance = "{uuid}";

    public static string Create(string name, string type, params (string Name, string Value)[] metadata)
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

    public static string InMemoryState(string name) => Create(name, "state.in-memory");

    /// <summary>A process-local store that also holds actor state: enough for actors that need not survive a restart.</summary>
    public static string InMemoryActorState(string name) => Create(name, "state.in-memory", ("actorStateStore", "true"));

    /// <summary>A durable SQLite store that also holds actor state (reminders survive restarts).</summary>
    public static string SqliteState(string name, string databasePath) =>
        Create(name, "state.sqlite", ("connectionString", databasePath), ("busyTimeout", "30s"), ("actorStateStore", "true"));

    public static string RedisState(string name, string address) =>
        Create(name, "state.redis", ("redisHost", address), ("actorStateStore", "true"));

    public static string InMemoryPubSub(string name, string? consumerId = null) =>
        Create(name, "pubsub.in-memory", consumerId is null ? [] : [("consumerID", consumerId)]);

    public static string RedisPubSub(string name, string address, string? consumerId = null) =>
        Create(name, "pubsub.redis", consumerId is null ? [("redisHost", address)] : [("redisHost", address), ("consumerID", consumerId)]);
}
