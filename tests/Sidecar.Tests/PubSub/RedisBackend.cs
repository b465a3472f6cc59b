using AmazonScale.TestSupport;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>
/// pubsub.redis on a throwaway redis-server with short redelivery timings so tests stay fast. processingTimeout
/// stays well above a slow CI delivery, so a message still being handled by one instance is not reclaimed by another.
/// </summary>
public sealed class RedisBackend(RedisServer server) : PubSubBackend
{
    public RedisServer Server { get; } = server;

    public static async Task<RedisBackend> StartAsync() => new(await RedisServer.StartAsync());

    public override string ComponentYaml() => Component("pubsub.redis",
        ("redisHost", Server.Address), ("processingTimeout", "5s"), ("redeliverInterval", "250ms"), ("concurrency", "4"));

    public override void Dispose() => Server.Dispose();
}
