using AmazonScale.TestSupport;

namespace AmazonScale.Sidecar.Tests.PubSub;

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
