using AmazonScale.TestSupport;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>The pub/sub component under test, rendered as the Component YAML every sidecar of a test loads.</summary>
public abstract class PubSubBackend : IDisposable
{
    public const string ComponentName = "pubsub";

    public abstract bool IsDurable { get; }

    public abstract string ComponentYaml();

    public virtual void Dispose()
    {
    }

    protected static string Component(string type, params (string Name, string Value)[] metadata) =>
        $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {ComponentName}
        spec:
          type: {type}
          version: v1
          metadata:
        {string.Concat(metadata.Select(m => $"  - name: {m.Name}\n    value: \"{m.Value}\"\n"))}
        """;
}

public sealed class InMemoryBackend : PubSubBackend
{
    public override bool IsDurable => false;

    public override string ComponentYaml() => Component("pubsub.in-memory");
}

/// <summary>pubsub.redis on a throwaway redis-server, with short redelivery timings so tests stay fast.</summary>
public sealed class RedisBackend(RedisServer server) : PubSubBackend
{
    public RedisServer Server { get; } = server;

    public override bool IsDurable => true;

    public static async Task<RedisBackend> StartAsync() => new(await RedisServer.StartAsync());

    public override string ComponentYaml() => Component("pubsub.redis",
        ("redisHost", Server.Address), ("processingTimeout", "1s"), ("redeliverInterval", "250ms"), ("concurrency", "4"));

    public override void Dispose() => Server.Dispose();
}
