using AmazonScale.TestSupport.Services;
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
    /// <param name="firstSettings">Options of the first instance only (e.g. an edge that does not consume clicks).</param>
    public static Task<ServicePair> StartLocalAsync(IReadOnlyDictionary<string, string?>? firstSettings = null)
    {
        var resources = new ResourcesFolder();
        resources
            .Write("statestore.yaml", ComponentYaml.SqliteState(DaprComponents.StateStore, Path.Combine(resources.Root, "state.db")))
            .Write("pubsub.yaml", ComponentYaml.InMemoryPubSub(DaprComponents.PubSub))
            .Write("broadcast.yaml", ComponentYaml.InMemoryPubSub(DaprComponents.Broadcast, ComponentYaml.EveryInstance));
        return StartAsync(resources, firstSettings);
    }

    public static Task<ServicePair> StartRedisAsync(string redisAddress, IReadOnlyDictionary<string, string?>? firstSettings = null) => StartAsync(new ResourcesFolder()
        .Write("statestore.yaml", ComponentYaml.RedisState(DaprComponents.StateStore, redisAddress))
        .Write("pubsub.yaml", ComponentYaml.RedisPubSub(DaprComponents.PubSub, redisAddress))
        .Write("broadcast.yaml", ComponentYaml.RedisPubSub(DaprComponents.Broadcast, redisAddress, ComponentYaml.EveryInstance)), firstSettings);

    private static async Task<ServicePair> StartAsync(ResourcesFolder resources, IReadOnlyDictionary<string, string?>? firstSettings)
    {
        var first = await UrlShortenerInstance.StartAsync(resources, firstSettings);
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
