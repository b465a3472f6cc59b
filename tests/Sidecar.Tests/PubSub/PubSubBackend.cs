namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>The pub/sub component under test, rendered as the Component YAML every sidecar of a test loads.</summary>
public abstract class PubSubBackend : IDisposable
{
    public const string ComponentName = "pubsub";

    /// <summary>consumerID metadata to render, e.g. "{uuid}" for a broadcast component; null = the app id default.</summary>
    public string? ConsumerId { get; set; }

    public abstract string ComponentYaml();

    public virtual void Dispose()
    {
    }

    protected string Component(string type, params (string Name, string Value)[] metadata)
    {
        if (ConsumerId is not null)
        {
            metadata = [.. metadata, ("consumerID", ConsumerId)];
        }
        return $"""
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
}
