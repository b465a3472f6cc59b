using AmazonScale.TestSupport.Services;
using AmazonScale.Orchestrations.Tests.Workflows;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Orchestrations.Tests.Functional;

/// <summary>One workflow app + sidecar (in-memory actor state store) shared by a test class; tests use distinct instance ids.</summary>
public sealed class SidecarWorkflowFixture : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = new ResourcesFolder().Write("actorstore.yaml", ComponentYaml.InMemoryActorState("actorstore"));

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
