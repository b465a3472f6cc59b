using AmazonScale.Sidecar.Components;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AmazonScale.Sidecar.PubSub.Components.Redis;

/// <summary>Creates pubsub.redis (v1) components: Redis Streams with one consumer group per app id.</summary>
public sealed class RedisStreamsPubSubFactory(Hosting.SidecarOptions options, ILoggerFactory loggers) : IComponentFactory
{
    public bool Supports(string type, string version) => type == "pubsub.redis" && version == "v1";

    public async Task<object> CreateAsync(ComponentResource resource, CancellationToken cancellationToken)
    {
        var settings = RedisStreamsOptions.From(resource, options.AppId);
        var connection = await ConnectionMultiplexer.ConnectAsync(settings.Connection);
        return new RedisStreamsPubSub(connection, settings, loggers.CreateLogger<RedisStreamsPubSub>());
    }
}
