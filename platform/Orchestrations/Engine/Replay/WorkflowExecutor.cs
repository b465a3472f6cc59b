using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Replay;

/// <summary>
/// Replays a workflow against its history (deterministic replay) and then feeds it the new events. Pure and
/// synchronous: no I/O, no actors; the same inputs always give the same <see cref="ExecutionResult"/>.
/// </summary>
public static class WorkflowExecutor
{
    public static ExecutionResult Execute(IWorkflow workflow, string instanceId, IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents)
    {
        var started = pastEvents.Concat(newEvents).OfType<ExecutionStarted>().FirstOrDefault()
            ?? throw new ArgumentException("the history has no ExecutionStarted event", nameof(pastEvents));
        var synchronization = new ReplaySynchronizationContext();
        var context = new ReplayContext(instanceId, started.Name, synchronization);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(synchronization);
        try
        {
            Feed(context, workflow, synchronization, pastEvents);
            context.Replaying = false;
            Feed(context, workflow, synchronization, newEvents);
        }
        catch (NonDeterministicWorkflowException ex)
        {
            return new ExecutionResult([], context.CustomStatus, new FailedOutcome(WorkflowTaskFailureDetails.From(ex)));
        }
        finally
        {
            synchronization.Close();
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        var outcome = context.Outcome();
        if (outcome is null && context.IsStalled)
        {
            outcome = new FailedOutcome(WorkflowTaskFailureDetails.From(new InvalidOperationException(
                $"workflow '{started.Name}' ({instanceId}) awaits something that is not a workflow task (Task.Delay, Task.Run, I/O?): it can never resume.")));
        }
        return new ExecutionResult(context.PendingActions, context.CustomStatus, outcome);
    }

    private static void Feed(ReplayContext context, IWorkflow workflow, ReplaySynchronizationContext synchronization, IReadOnlyList<HistoryEvent> events)
    {
        foreach (var recorded in events)
        {
            context.Apply(recorded, workflow);
            synchronization.RunPending();
        }
    }
}
