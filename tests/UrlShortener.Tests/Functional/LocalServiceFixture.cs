using AmazonScale.TestSupport.Services;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>One service instance on the zero-install components (in-memory state and pub/sub), shared by a test class.</summary>
public sealed class LocalServiceFixture : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = LocalComponents();

    /// <summary>The zero-install components: in-memory state, pub/sub and broadcast.</summary>
    public static ResourcesFolder LocalComponents() => new ResourcesFolder()
        .Write("statestore.yaml", ComponentYaml.InMemoryState(DaprComponents.StateStore))
        .Write("pubsub.yaml", ComponentYaml.InMemoryPubSub(DaprComponents.PubSub))
        .Write("broadcast.yaml", ComponentYaml.InMemoryPubSub(DaprComponents.Broadcast));

    public UrlShortenerInstance Service { get; private set; } = null!;

    public async Task InitializeAsync() => Service = await UrlShortenerInstance.StartAsync(_resources);

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        _resources.Dispose();
    }
}
