using System.Diagnostics;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Engine.Replay;
using AmazonScale.Orchestrations.Telemetry;

namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>
/// Applies an instance's inbox: control events (terminate, suspend, resume) first, then one replay of the
/// workflow over history plus the new events. New steps go to history and the outbox in one go, which the
/// caller persists atomically. Pure apart from creating the workflow object.
/// </summary>
public sealed class InstanceStepper(Func<string, IWorkflow?> createWorkflow)
{
    public void Advance(InstanceRecord record, DateTimeOffset now)
    {
        while (record.Inbox.Count > 0)
        {
            if (record.Status.IsTerminal())
            {
                record.Inbox.Clear();
                return;
            }
            if (ApplyControlEvents(record, now) || record.Status == WorkflowRuntimeStatus.Suspended)
            {
                return;
            }
            var index = new HistoryIndex(record.History);
            var work = record.Inbox.Where(index.Accept).ToList();
            record.Inbox.Clear();
            if (work.Count == 0)
            {
                return;
            }
            // The workflow clock never runs behind an event it is about to observe (a timer fires at its FireAt at the earliest).
            Run(record, index, work, work.Max(e => e.Timestamp) is var latest && latest > now ? latest : now);
        }
    }

    /// <summary>Returns true when the instance was terminated.</summary>
    private static bool ApplyControlEvents(InstanceRecord record, DateTimeOffset now)
    {
        foreach (var control in record.Inbox.Where(e => e is ExecutionTerminated or ExecutionSuspended or ExecutionResumed).ToList())
        {
            record.Inbox.Remove(control);
            switch (control)
            {
                case ExecutionTerminated terminated:
                    record.History.Add(terminated);
                    Finish(record, new HistoryIndex(record.History), WorkflowRuntimeStatus.Terminated, terminated.Output, null, now);
                    return true;
                case ExecutionSuspended when record.Status is WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Pending:
                    record.History.Add(control);
                    record.Status = WorkflowRuntimeStatus.Suspended;
                    break;
                case ExecutionResumed when record.Status == WorkflowRuntimeStatus.Suspended:
                    record.History.Add(control);
                    record.Status = new HistoryIndex(record.History).HasStarted ? WorkflowRuntimeStatus.Running : WorkflowRuntimeStatus.Pending;
                    break;
            }
        }
        return false;
    }

    private void Run(InstanceRecord record, HistoryIndex index, List<HistoryEvent> work, DateTimeOffset now)
    {
        using var span = WorkflowTelemetry.StartRun(record.Name, record.InstanceId, record.ExecutionId);
        var newEvents = new List<HistoryEvent>(work.Count + 1) { new OrchestratorStarted(now) };
        newEvents.AddRange(work);
        var workflow = createWorkflow(record.Name);
        var result = workflow is null
            ? new ExecutionResult([], record.CustomStatus, new FailedOutcome(WorkflowTaskFailureDetails.From(
                new InvalidOperationException($"workflow '{record.Name}' is not registered in this app"))))
            : WorkflowExecutor.Execute(workflow, record.InstanceId, record.History, newEvents);
        record.History.AddRange(newEvents);
        record.Status = WorkflowRuntimeStatus.Running;
        record.CustomStatus = result.CustomStatus;
        foreach (var action in result.Actions)
        {
            var scheduled = action.ToHistoryEvent(now);
            record.History.Add(scheduled);
            index.Add(scheduled);
            record.Send(id => ToMessage(id, record, action));
        }
        span?.SetTag("workflow.history_length", record.History.Count);
        switch (result.Outcome)
        {
            case CompletedOutcome completed:
                Finish(record, index, WorkflowRuntimeStatus.Completed, completed.Output, null, now);
                break;
            case FailedOutcome failed:
                span?.SetStatus(ActivityStatusCode.Error, failed.Failure.ErrorMessage);
                Finish(record, index, WorkflowRuntimeStatus.Failed, null, failed.Failure, now);
                break;
            case ContinuedAsNewOutcome continued:
                ContinueAsNew(record, index, continued, now);
                break;
        }
    }

    private static OutboxMessage ToMessage(int id, InstanceRecord record, WorkflowAction action) => action switch
    {
        ScheduleActivityAction activity => new RunActivity(id, record.ExecutionId, activity.TaskId, activity.Name, activity.Input, Activity.Current?.Id),
        CreateTimerAction timer => new RegisterTimer(id, record.ExecutionId, timer.TaskId, timer.FireAt),
        ScheduleChildWorkflowAction child => new StartChild(id, child.InstanceId, child.Name, child.Input,
            new ParentInstance(record.InstanceId, record.ExecutionId, child.TaskId)),
        _ => throw new InvalidOperationException($"unknown workflow action {action}"),
    };

    private static void Finish(InstanceRecord record, HistoryIndex index, WorkflowRuntimeStatus status, string? output, WorkflowTaskFailureDetails? failure, DateTimeOffset now)
    {
        record.History.Add(new ExecutionCompleted(now, status, output, failure));
        record.Status = status;
        record.Output = output;
        record.Failure = failure;
        record.Inbox.Clear();
        AbandonOpenWork(record, index);
        if (status == WorkflowRuntimeStatus.Terminated)
        {
            foreach (var child in index.OpenChildren)
            {
                record.Send(id => new TerminateChild(id, child.InstanceId, output));
            }
        }
        if (record.Parent is { } parent)
        {
            HistoryEvent result = status == WorkflowRuntimeStatus.Completed
                ? new ChildWorkflowCompleted(now, parent.TaskId, output)
                : new ChildWorkflowFailed(now, parent.TaskId, failure ?? new WorkflowTaskFailureDetails(status.ToString(), $"child workflow {record.InstanceId} was {status.ToString().ToLowerInvariant()}", null));
            record.Send(id => new NotifyParent(id, parent, result));
        }
        WorkflowTelemetry.InstanceFinished(record.Name, status);
    }

    private static void ContinueAsNew(InstanceRecord record, HistoryIndex index, ContinuedAsNewOutcome continued, DateTimeOffset now)
    {
        AbandonOpenWork(record, index);
        record.ExecutionId = Guid.NewGuid().ToString("N");
        record.History = [];
        record.Input = continued.NewInput;
        record.Output = null;
        record.Inbox = [new ExecutionStarted(now, record.Name, record.ExecutionId, continued.NewInput, record.Parent), .. continued.CarriedEvents];
    }

    /// <summary>Work of an execution that ended is pointless: undelivered activities are dropped and open timers cancelled.</summary>
    private static void AbandonOpenWork(InstanceRecord record, HistoryIndex index)
    {
        record.Outbox.RemoveAll(m => m is RunActivity or RegisterTimer);
        foreach (var timer in index.OpenTimers)
        {
            var executionId = record.ExecutionId;
            record.Send(id => new CancelTimer(id, executionId, timer));
        }
    }
}
