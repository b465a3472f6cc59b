namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>pubsub.in-memory: nothing to start.</summary>
public sealed class InMemoryBackend : PubSubBackend
{
    public override string ComponentYaml() => Component("pubsub.in-memory");
}
