using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Tests.Scenarios;
using AmazonScale.Orchestrations.Tests.Workflows;

namespace AmazonScale.Orchestrations.Tests.Functional;

/// <summary>The shared scenarios through the real sidecar: instance actors, actor state and reminders via the real Dapr.Actors SDK.</summary>
public sealed class SidecarWorkflowTests(SidecarWorkflowFixture fixture) : WorkflowScenarios, IClassFixture<SidecarWorkflowFixture>
{
    protected override DaprWorkflowClient Client => fixture.Node.Client;

    protected override ActivityLog Log => fixture.Log;

    protected override Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId) => WorkflowNode.ReadHistoryAsync(fixture.Node.Sidecar.Http, instanceId);
}
