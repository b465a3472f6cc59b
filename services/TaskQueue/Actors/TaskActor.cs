using AmazonScale.Orchestrations;
using AmazonScale.TaskQueue.Domain;
using AmazonScale.TaskQueue.Workflows;
using Dapr.Actors.Runtime;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// The single writer of one task. Every change runs <see cref="CommitAsync"/>: the idempotent effects of the
/// transition (enqueue, reminders, retry workflow, dead-letter entry, dependants told) happen first, then the record
/// is saved, then reminders that are no longer needed are removed. A crash anywhere in between leaves either the old
/// record with a reminder that redoes the step, or effects a repeat can safely apply again.
/// </summary>
public sealed class TaskActor(ActorHost host, TaskActors actors, DaprWorkflowClient workflows, TaskQueueOptions options, TimeProvider time)
    : Actor(host), ITaskActor, IRemindable
{
    private const string RecordKey = "task";
    private const string TickReminder = "tick";
    public const string DependencyEvent = "dependency-ended";

    private TaskRecord? _record;

    private DateTimeOffset Now => time.GetUtcNow();

    public async Task<TaskCreation> Create(CreateTask command)
    {
        if (await LoadAsync() is { } existing)
        {
            return new TaskCreation(existing, Created: false);
        }
        var record = TaskRecord.Create(Id.GetId(), command.Spec, Now);
        await CommitAsync(record, previous: null);
        return new TaskCreation(record, Created: true);
    }

    public Task<TaskRecord?> Get() => LoadAsync();

    public async Task<DependantRegistration?> AddDependant(string dependantId)
    {
        if (await LoadAsync() is not { } record)
        {
            return null;
        }
        if (record.State.IsFinal())
        {
            return new DependantRegistration(Ended: true, Succeeded: record.State == TaskState.Succeeded);
        }
        if (!record.Dependants.Contains(dependantId))
        {
            record.Dependants.Add(dependantId);
            await SaveAsync(record);
        }
        return new DependantRegistration(Ended: false, Succeeded: false);
    }

    public async Task<LeaseGrant?> Lease(LeaseTask command)
    {
        if (await LoadAsync() is not { } record)
        {
            return null;
        }
        var previous = record.State;
        var grant = record.Lease(command.WorkerId, TimeSpan.FromSeconds(command.LeaseSeconds), Now);
        if (grant is not null)
        {
            await CommitAsync(record, previous);
        }
        return grant;
    }

    public Task<LeaseReply?> Heartbeat(LeaseReport report) =>
        ReportAsync(record => record.Heartbeat(report.FencingToken, TimeSpan.FromSeconds(report.LeaseSeconds), Now));

    public Task<LeaseReply?> Complete(LeaseReport report) =>
        ReportAsync(record => record.Complete(report.FencingToken, report.ResultJson, Now));

    public Task<LeaseReply?> Fail(LeaseReport report) =>
        ReportAsync(record => record.Fail(report.FencingToken, report.Error ?? "failed", Random.Shared.NextDouble(), Now));

    public async Task<CancelReply?> Cancel()
    {
        if (await LoadAsync() is not { } record)
        {
            return null;
        }
        var previous = record.State;
        var outcome = record.Cancel(Now);
        if (outcome != CancelOutcome.AlreadyFinal)
        {
            await CommitAsync(record, previous);
        }
        return new CancelReply(outcome, record);
    }

    public async Task<RetryReply?> Retry()
    {
        if (await LoadAsync() is not { } record)
        {
            return null;
        }
        var previous = record.State;
        var retried = record.Retry(Now);
        if (retried)
        {
            await CommitAsync(record, previous);
        }
        return new RetryReply(retried, record);
    }

    public Task<bool> ReleaseRetry(ReleaseAttempt command) => TransitionAsync(record => record.ReleaseRetry(command.Attempt, Now));

    public Task<bool> ResolveDependencies(ResolveDependencies command) =>
        TransitionAsync(record => record.ResolveDependencies(command.FailedDependency, Now));

    /// <summary>The delay of a scheduled task ended, or the lease of a running one may have.</summary>
    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        if (reminderName != TickReminder)
        {
            return;
        }
        if (await LoadAsync() is not { } record)
        {
            await UnregisterReminderAsync(TickReminder);
            return;
        }
        var previous = record.State;
        switch (record.State)
        {
            case TaskState.Scheduled when record.ReleaseScheduled(Now, options.EarlyReleaseTolerance):
                await CommitAsync(record, previous);
                break;
            case TaskState.Scheduled:
                await ArmTickAsync(record.Spec.ScheduledAt!.Value);
                break;
            case TaskState.Running when record.ExpireLease(Random.Shared.NextDouble(), Now) == LeaseExpiry.StillLeased:
                await ArmTickAsync(record.LeaseExpiresAt!.Value);
                break;
            case TaskState.Running:
                await CommitAsync(record, previous);
                break;
            default:
                await UnregisterReminderAsync(TickReminder);
                break;
        }
    }

    private async Task<LeaseReply?> ReportAsync(Func<TaskRecord, LeaseCheck> apply)
    {
        if (await LoadAsync() is not { } record)
        {
            return null;
        }
        var previous = record.State;
        var check = apply(record);
        if (check == LeaseCheck.Current)
        {
            await CommitAsync(record, previous);
        }
        return new LeaseReply(check, record.LeaseExpiresAt, record.CancelRequested, Tasks.Names.Of(record.State));
    }

    private async Task<bool> TransitionAsync(Func<TaskRecord, bool> apply)
    {
        if (await LoadAsync() is not { } record)
        {
            return false;
        }
        var previous = record.State;
        if (!apply(record))
        {
            return false;
        }
        await CommitAsync(record, previous);
        return true;
    }

    private async Task CommitAsync(TaskRecord record, TaskState? previous)
    {
        try
        {
            await ApplyAsync(record, previous);
        }
        catch
        {
            _record = null; // The transition was applied in memory only: read the stored record again next time.
            throw;
        }
    }

    private async Task ApplyAsync(TaskRecord record, TaskState? previous)
    {
        var state = record.State;
        var queue = actors.Queue(record.Spec.TaskType);
        if (state == TaskState.Ready && previous != TaskState.Ready)
        {
            await queue.InvokeMethodAsync(nameof(IQueueActor.Enqueue), new Enqueue(record.Id, record.Spec.Priority, WasRunning: previous == TaskState.Running));
        }
        if (previous == TaskState.Ready && state != TaskState.Running)
        {
            await queue.InvokeMethodAsync(nameof(IQueueActor.Remove), record.Id);
        }
        if (previous == TaskState.Running && state is not (TaskState.Running or TaskState.Ready))
        {
            await queue.InvokeMethodAsync(nameof(IQueueActor.AttemptEnded), new AttemptEnded(state == TaskState.Succeeded));
        }
        if (state == TaskState.Scheduled)
        {
            await ArmTickAsync(record.Spec.ScheduledAt!.Value);
        }
        if (state == TaskState.Running && previous != TaskState.Running)
        {
            await ArmTickAsync(record.LeaseExpiresAt!.Value);
        }
        if (state == TaskState.RetryWaiting)
        {
            var attempt = record.Attempt + 1;
            await workflows.ScheduleNewWorkflowAsync(nameof(TaskRetryWorkflow), TaskRetryWorkflow.InstanceId(record.Id, attempt),
                new RetryInput(record.Id, attempt, record.NextAttemptAt!.Value));
        }
        if (state == TaskState.DeadLettered)
        {
            await actors.DeadLetters().InvokeMethodAsync(nameof(IDeadLetterActor.Add),
                new DeadLetter(record.Id, record.Spec.TaskType, record.Error, record.Attempt, record.UpdatedAt));
        }
        if (previous == TaskState.DeadLettered)
        {
            await actors.DeadLetters().InvokeMethodAsync<string, bool>(nameof(IDeadLetterActor.Remove), record.Id);
        }
        if (state.IsFinal())
        {
            foreach (var dependant in record.Dependants)
            {
                await workflows.RaiseEventAsync(TaskDependenciesWorkflow.InstanceId(dependant), DependencyEvent,
                    new DependencyEnded(record.Id, state == TaskState.Succeeded));
            }
        }
        await SaveAsync(record);
        if (previous is TaskState.Scheduled or TaskState.Running && state is not (TaskState.Scheduled or TaskState.Running))
        {
            await UnregisterReminderAsync(TickReminder);
        }
    }

    /// <summary>One reminder per task, due when its delay or lease ends, repeating until handled.</summary>
    private Task ArmTickAsync(DateTimeOffset at)
    {
        var due = at - Now;
        return RegisterReminderAsync(TickReminder, [], due > TimeSpan.Zero ? due : TimeSpan.Zero, options.ReminderRetryPeriod);
    }

    private async Task<TaskRecord?> LoadAsync()
    {
        if (_record is null && await StateManager.TryGetStateAsync<TaskRecord>(RecordKey) is { HasValue: true } stored)
        {
            _record = stored.Value;
        }
        return _record;
    }

    private async Task SaveAsync(TaskRecord record)
    {
        _record = record;
        await StateManager.SetStateAsync(RecordKey, record);
        await StateManager.SaveStateAsync();
    }
}
