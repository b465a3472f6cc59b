using AmazonScale.Orchestrations.Engine.Instances;
using Dapr.Actors;

namespace AmazonScale.Orchestrations.Actors;

/// <summary>
/// One actor per workflow instance. Called weakly typed (JSON) by <see cref="ActorOrchestrationGateway"/>,
/// so it never depends on the app's remoting serializer settings. Every method returns quickly and makes no
/// actor calls of its own, so no turn ever waits for another actor's turn.
/// </summary>
public interface IOrchestrationActor : IActor
{
    Task<ScheduleResult> ScheduleAsync(StartRequest request);

    Task<bool> AddEventAsync(InboundEvent inbound);

    Task AcknowledgeAsync(Acknowledgement acknowledgement);

    Task<WorkflowState> GetStateAsync(bool includePayloads);

    Task<bool> PurgeAsync();
}
