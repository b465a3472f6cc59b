using AmazonScale.Orchestrations.Engine.Activities;
using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>
/// Carries out one outbox message of <c>sourceInstanceId</c> and acknowledges it there. A message delivered
/// twice (redelivery after a crash) is harmless: starts are idempotent and results are de-duplicated by
/// task id. An activity's result travels in its acknowledgement, so it is persisted before the message is
/// considered done and is never lost.
/// </summary>
public sealed class OutboxDelivery(IOrchestrationGateway gateway, ActivityExecutor activities, TimeProvider time)
{
    public async Task DeliverAsync(string sourceInstanceId, OutboxMessage message, CancellationToken cancellationToken)
    {
        var acknowledgement = message switch
        {
            RunActivity run => new Acknowledgement(run.Id, run.ExecutionId, await activities.ExecuteAsync(sourceInstanceId, run, cancellationToken)),
            StartChild start => await StartChildAsync(start, cancellationToken),
            NotifyParent notify => await NotifyParentAsync(notify, cancellationToken),
            TerminateChild terminate => await TerminateChildAsync(terminate, cancellationToken),
            _ => throw new InvalidOperationException($"{message} is not delivered by the outbox"),
        };
        await gateway.AcknowledgeAsync(sourceInstanceId, acknowledgement, cancellationToken);
    }

    private async Task<Acknowledgement> StartChildAsync(StartChild start, CancellationToken cancellationToken)
    {
        var result = await gateway.ScheduleAsync(start.InstanceId, new StartRequest(start.Name, start.Input, start.Parent), cancellationToken);
        if (result.Created || result.ExistingParent == start.Parent)
        {
            return new Acknowledgement(start.Id, null, null);
        }
        var conflict = new WorkflowTaskFailureDetails(typeof(InvalidOperationException).FullName!,
            $"cannot start child workflow '{start.Name}': instance id {start.InstanceId} is already in use", null);
        return new Acknowledgement(start.Id, start.Parent.ExecutionId, new ChildWorkflowFailed(time.GetUtcNow(), start.Parent.TaskId, conflict));
    }

    private async Task<Acknowledgement> NotifyParentAsync(NotifyParent notify, CancellationToken cancellationToken)
    {
        await gateway.AddEventAsync(notify.Parent.InstanceId, new InboundEvent(notify.Parent.ExecutionId, notify.Result), cancellationToken);
        return new Acknowledgement(notify.Id, null, null);
    }

    private async Task<Acknowledgement> TerminateChildAsync(TerminateChild terminate, CancellationToken cancellationToken)
    {
        await gateway.AddEventAsync(terminate.InstanceId, new InboundEvent(null, new ExecutionTerminated(time.GetUtcNow(), terminate.Reason)), cancellationToken);
        return new Acknowledgement(terminate.Id, null, null);
    }
}
