namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>The pub/sub component under test, rendered as the Component YAML every sidecar of a test loads.</summary>
public abstract class PubSubBackend : IDisposable
{
    public const string ComponentName = "pubsub";

    public abstract string ComponentYaml();

    public virtual void Dispose()
    {
    }

    protected static string Component(string type, params (string Name, string Value)[] metadata) =>
        $"""
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
