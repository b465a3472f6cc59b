using AmazonScale.Orchestrations.Engine.Instances;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.Orchestrations.Actors;

/// <summary>Reaches instances through the sidecar as weakly typed (JSON) calls on their actors.</summary>
public sealed class ActorOrchestrationGateway(IActorProxyFactory proxies, OrchestrationActorType actorType) : IOrchestrationGateway
{
    public Task<ScheduleResult> ScheduleAsync(string instanceId, StartRequest request, CancellationToken cancellationToken) =>
        Proxy(instanceId).InvokeMethodAsync<StartRequest, ScheduleResult>(nameof(IOrchestrationActor.ScheduleAsync), request, cancellationToken);

    public Task<bool> AddEventAsync(string instanceId, InboundEvent inbound, CancellationToken cancellationToken) =>
        Proxy(instanceId).InvokeMethodAsync<InboundEvent, bool>(nameof(IOrchestrationActor.AddEventAsync), inbound, cancellationToken);

    public Task AcknowledgeAsync(string instanceId, Acknowledgement acknowledgement, CancellationToken cancellationToken) =>
        Proxy(instanceId).InvokeMethodAsync(nameof(IOrchestrationActor.AcknowledgeAsync), acknowledgement, cancellationToken);

    public Task<WorkflowState> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken) =>
        Proxy(instanceId).InvokeMethodAsync<bool, WorkflowState>(nameof(IOrchestrationActor.GetStateAsync), includePayloads, cancellationToken);

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) =>
        Proxy(instanceId).InvokeMethodAsync<bool>(nameof(IOrchestrationActor.PurgeAsync), cancellationToken);

    private ActorProxy Proxy(string instanceId) => proxies.Create(new ActorId(instanceId), actorType.Name);
}
