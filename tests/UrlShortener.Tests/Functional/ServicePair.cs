using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>Two instances of the service (each with its own sidecar) sharing one set of components.</summary>
public sealed class ServicePair : IAsyncDisposable
{
    private readonly ResourcesFolder _resources;

    private ServicePair(ResourcesFolder resources, UrlShortenerInstance first, UrlShortenerInstance second)
    {
        _resources = resources;
        First = first;
        Second = second;
    }

    public UrlShortenerInstance First { get; }
    public UrlShortenerInstance Second { get; }

    /// <summary>Zero-install profile: a shared SQLite file for state, the machine-wide in-memory pub/sub.</summary>
    public static Task<ServicePair> StartLocalAsync()
    {
        var resources = new ResourcesFolder();
        resources
            .Write("statestore.yaml", Components.SqliteState(Path.Combine(resources.Root, "state.db")))
            .Write("pubsub.yaml", Components.InMemoryPubSub(DaprComponents.PubSub))
            .Write("broadcast.yaml", Components.InMemoryPubSub(DaprComponents.Broadcast, Components.EveryInstance));
        return StartAsync(resources);
    }

    public static Task<ServicePair> StartRedisAsync(string redisAddress) => StartAsync(new ResourcesFolder()
        .Write("statestore.yaml", Components.RedisState(redisAddress))
        .Write("pubsub.yaml", Components.RedisPubSub(DaprComponents.PubSub, redisAddress))
        .Write("broadcast.yaml", Components.RedisPubSub(DaprComponents.Broadcast, redisAddress, Components.EveryInstance)));

    private static async Task<ServicePair> StartAsync(ResourcesFolder resources)
    {
        var first = await UrlShortenerInstance.StartAsync(resources);
        var second = await UrlShortenerInstance.StartAsync(resources);
        return new ServicePair(resources, first, second);
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        _resources.Dispose();
    }
}
