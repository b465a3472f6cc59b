using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>One actor app + sidecar with an in-memory actor state store, shared by a test class.</summary>
public sealed class SingleNodeFixture : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = new();

    public ActorNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _resources.Write("actorstore.yaml", ActorNode.InMemoryActorStore);
        Node = await ActorNode.StartAsync(_resources);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _resources.Dispose();
    }
}
