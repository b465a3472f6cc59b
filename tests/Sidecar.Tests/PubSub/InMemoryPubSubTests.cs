namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>The pub/sub suite on pubsub.in-memory: machine-wide delivery between sidecar processes through the local registry.</summary>
public sealed class InMemoryPubSubTests : PubSubConformanceTests
{
    protected override Task<PubSubBackend> StartBackendAsync() => Task.FromResult<PubSubBackend>(new InMemoryBackend());
}
