using AmazonScale.Orchestrations.Engine;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Engine.Instances;

namespace AmazonScale.Orchestrations;

/// <summary>
/// Starts and manages workflow instances of this app (same members as Dapr.Workflow's DaprWorkflowClient,
/// so moving to the real package is a namespace change).
/// </summary>
public sealed class DaprWorkflowClient(IOrchestrationGateway gateway, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Creates an instance and returns its id. Idempotent: scheduling an existing id leaves that instance unchanged.</summary>
    public async Task<string> ScheduleNewWorkflowAsync(string name, string? instanceId = null, object? input = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        instanceId ??= Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        await gateway.ScheduleAsync(instanceId, new StartRequest(name, WorkflowJson.Serialize(input), null), cancellation);
        return instanceId;
    }

    public Task<WorkflowState> GetWorkflowStateAsync(string instanceId, bool getInputsAndOutputs = true, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId);
        return gateway.GetStateAsync(instanceId, getInputsAndOutputs, cancellation);
    }

    /// <summary>Polls until the instance is completed, failed or terminated (cancel the token to stop waiting).</summary>
    public async Task<WorkflowState> WaitForWorkflowCompletionAsync(string instanceId, bool getInputsAndOutputs = true, CancellationToken cancellation = default)
    {
        while (true)
        {
            var state = await GetWorkflowStateAsync(instanceId, getInputsAndOutputs, cancellation);
            if (!state.Exists || state.IsWorkflowCompleted)
            {
                return state;
            }
            await Task.Delay(PollInterval, time, cancellation);
        }
    }

    /// <summary>Delivers an event to the instance (buffered until the workflow waits for it). False when the instance does not exist.</summary>
    public Task<bool> RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaised(time.GetUtcNow(), eventName, WorkflowJson.Serialize(eventPayload)), cancellation);
    }

    /// <summary>Ends the instance with status Terminated and <paramref name="output"/>; running child workflows are terminated too.</summary>
    public Task<bool> TerminateWorkflowAsync(string instanceId, object? output = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionTerminated(time.GetUtcNow(), WorkflowJson.Serialize(output)), cancellation);

    /// <summary>Stops applying events (results and raised events are kept) until resumed.</summary>
    public Task<bool> SuspendWorkflowAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspended(time.GetUtcNow(), reason), cancellation);

    public Task<bool> ResumeWorkflowAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumed(time.GetUtcNow(), reason), cancellation);

    /// <summary>Deletes all state of a completed, failed or terminated instance; false when it does not exist or is still running.</summary>
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId);
        return gateway.PurgeAsync(instanceId, cancellation);
    }

    private Task<bool> SendAsync(string instanceId, HistoryEvent control, CancellationToken cancellation)
    {
        InstanceIds.Validate(instanceId);
        return gateway.AddEventAsync(instanceId, new InboundEvent(null, control), cancellation);
    }
}
