namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>Addresses instances by id (on actors: one actor per instance, each call a turn).</summary>
public interface IOrchestrationGateway
{
    Task<ScheduleResult> ScheduleAsync(string instanceId, StartRequest request, CancellationToken cancellationToken);

    /// <summary>False when the instance does not exist.</summary>
    Task<bool> AddEventAsync(string instanceId, InboundEvent inbound, CancellationToken cancellationToken);

    Task AcknowledgeAsync(string instanceId, Acknowledgement acknowledgement, CancellationToken cancellationToken);

    Task<WorkflowState> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken);

    /// <summary>Deletes a completed, failed or terminated instance; false when it does not exist or still runs.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken);
}
