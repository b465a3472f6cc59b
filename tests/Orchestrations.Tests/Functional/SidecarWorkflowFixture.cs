using AmazonScale.Orchestrations.Tests.Workflows;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Orchestrations.Tests.Functional;

/// <summary>One workflow app + sidecar (in-memory actor state store) shared by a test class; tests use distinct instance ids.</summary>
public sealed class SidecarWorkflowFixture : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = new ResourcesFolder().Write("actorstore.yaml", """
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata: { name: actorstore }
        spec:
          type: state.in-memory
          version: v1
          metadata:
          - name: actorStateStore
            value: "true"
        """);

    public ActivityLog Log { get; } = new();

    public ActivityGate Gate { get; } = new();

    public WorkflowNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await WorkflowNode.StartAsync(_resources, Log, Gate);

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _resources.Dispose();
    }
}
