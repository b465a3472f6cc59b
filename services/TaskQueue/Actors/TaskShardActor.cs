using AmazonScale.TaskQueue.Domain;
using Dapr.Actors.Runtime;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// A shard of tasks (<see cref="TaskShard"/> in memory, rebuilt from state on activation). Every turn that changes
/// tasks ends in <see cref="CommitAsync"/>: the effects of the state changes run first (idempotent), then the sweep
/// reminder is moved earlier if a new delay or lease ends sooner, then every changed record and index segment is written
/// in ONE actor state transaction. A crash before the write leaves the previous state plus effects a repeat applies
/// again; the reminder is never later than the earliest stored delay or lease, so nothing time-driven is lost.
/// Leases are not written (see <see cref="TaskShard"/>): each load of the shard first stores its new epoch.
/// </summary>
public sealed class TaskShardActor(ActorHost host, TransitionEffects effects, ActorStateTransactions transactions, TaskQueueOptions options, TimeProvider time)
    : Actor(host), ITaskShardActor, IRemindable
{
    private const string SweepReminder = "sweep";
    private const string SegmentListKey = "segments";
    private const string EpochKey = "epoch";

    private TaskShard? _shard;

    /// <summary>When the sweep reminder is due as this activation registered it; null when unknown or unregistered.</summary>
    private DateTimeOffset? _armedAt;

    /// <summary>After activation a reminder from an earlier activation may exist.</summary>
    private bool _reminderMayExist = true;

    private DateTimeOffset Now => time.GetUtcNow();

    public async Task<List<TaskCreation>> Create(CreateTasks command)
    {
        var shard = await ShardAsync();
        var creations = new List<TaskCreation>(command.Tasks.Count);
        foreach (var (id, spec) in command.Tasks)
        {
            // Random ids are new by construction; only key-derived ids repeat (and may have ended: not in memory).
            var existing = shard.FindLive(id) ?? (TaskIds.IsKeyDerived(id) ? await StoredAsync(id) : null);
            var (record, created) = existing is null ? (shard.Create(id, spec, Now), true) : (existing, false);
            creations.Add(new TaskCreation(id, record.State, created, record.Spec.Dependencies, command.WithRecords ? record : null));
        }
        await CommitAsync(shard);
        return creations;
    }

    public async Task<TaskRecord?> Get(string taskId) => await FindAsync(await ShardAsync(), taskId);

    public async Task<DependantRegistration?> AddDependant(AddDependant command)
    {
        var shard = await ShardAsync();
        if (await FindAsync(shard, command.TaskId) is not { } record)
        {
            return null;
        }
        if (record.State.IsFinal())
        {
            return new DependantRegistration(Ended: true, Succeeded: record.State == TaskState.Succeeded);
        }
        if (!record.Dependants.Contains(command.DependantId))
        {
            shard.Apply(record, task =>
            {
                task.Dependants.Add(command.DependantId);
                return true;
            });
            await CommitAsync(shard);
        }
        return new DependantRegistration(Ended: false, Succeeded: false);
    }

    public async Task<int> PeekPriority(List<string> taskTypes) => (await ShardAsync()).PeekPriority(taskTypes, Now);

    public async Task<List<List<LeaseGrant>>> Lease(List<LeaseTasks> commands)
    {
        var shard = await ShardAsync();
        var grants = commands.Select(command => shard.Lease(command.TaskTypes, command.WorkerId, TimeSpan.FromSeconds(command.LeaseSeconds), command.Max, Now)).ToList();
        await CommitAsync(shard);
        return grants;
    }

    public async Task<List<LeaseReply?>> Report(ReportTasks command)
    {
        var shard = await ShardAsync();
        var replies = new List<LeaseReply?>(command.Reports.Count);
        foreach (var (taskId, report) in command.Reports)
        {
            replies.Add(await FindAsync(shard, taskId) is { } record ? shard.Report(record, command.Kind, report, Random.Shared.NextDouble(), Now) : null);
        }
        await CommitAsync(shard);
        return replies;
    }

    public async Task<CancelReply?> Cancel(string taskId)
    {
        var outcome = CancelOutcome.AlreadyFinal;
        var record = await TransitionAsync(taskId, task => (outcome = task.Cancel(Now)) != CancelOutcome.AlreadyFinal);
        return record is null ? null : new CancelReply(outcome, record);
    }

    public async Task<RetryReply?> Retry(string taskId)
    {
        var retried = false;
        var record = await TransitionAsync(taskId, task => retried = task.Retry(Now));
        return record is null ? null : new RetryReply(retried, record);
    }

    public async Task<bool> ReleaseRetry(ReleaseAttempt command)
    {
        var released = false;
        await TransitionAsync(command.TaskId, task => released = task.ReleaseRetry(command.Attempt, Now));
        return released;
    }

    public async Task<bool> ResolveDependencies(ResolveDependencies command)
    {
        var resolved = false;
        await TransitionAsync(command.TaskId, task => resolved = task.ResolveDependencies(command.FailedDependency, Now));
        return resolved;
    }

    public async Task<QueueStats> Stats(string taskType) => (await ShardAsync()).Stats(taskType, Now);

    /// <summary>The sweep: delays that ended become ready, expired leases go back to the queue (or the attempt times out).</summary>
    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        if (reminderName != SweepReminder)
        {
            return;
        }
        var shard = await ShardAsync();
        _armedAt = null; // It fired: arm it again for whatever is due next.
        shard.Sweep(Now, options.EarlyReleaseTolerance, Random.Shared.NextDouble);
        await CommitAsync(shard);
    }

    /// <summary>Everything read is also held in <see cref="_shard"/>; the state manager's own cache would only grow.</summary>
    protected override Task OnPostActorMethodAsync(ActorMethodContext actorMethodContext) => StateManager.ClearCacheAsync();

    private async Task<TaskRecord?> TransitionAsync(string taskId, Func<TaskRecord, bool> transition)
    {
        var shard = await ShardAsync();
        if (await FindAsync(shard, taskId) is not { } record)
        {
            return null;
        }
        if (shard.Apply(record, transition))
        {
            await CommitAsync(shard);
        }
        return record;
    }

    private async Task CommitAsync(TaskShard shard)
    {
        try
        {
            var changes = shard.TakeChanges();
            var next = shard.NextDue();
            await effects.ApplyAsync(changes.Transitions);
            if (next is { } due && (_armedAt is null || due < _armedAt))
            {
                await ArmAsync(due);
            }
            if (!changes.IsEmpty)
            {
                await WriteAsync(changes);
            }
            if (next is null && _reminderMayExist)
            {
                await UnregisterReminderAsync(SweepReminder);
                (_armedAt, _reminderMayExist) = (null, false);
            }
        }
        catch
        {
            // The turn's changes exist in memory only: rebuild from the stored state on the next call.
            (_shard, _armedAt, _reminderMayExist) = (null, null, true);
            throw;
        }
    }

    private Task WriteAsync(ShardChanges changes)
    {
        var upserts = changes.Records.Select(record => (RecordKey(record.Id), (object)record))
            .Concat(changes.Segments.Where(segment => segment.Value is not null).Select(segment => (SegmentKey(segment.Key), (object)segment.Value!)))
            .ToList();
        if (changes.SegmentList is { } segments)
        {
            upserts.Add((SegmentListKey, segments));
        }
        var deletes = changes.Segments.Where(segment => segment.Value is null).Select(segment => SegmentKey(segment.Key)).ToList();
        return transactions.SaveAsync(nameof(TaskShardActor), Id.GetId(), upserts, deletes);
    }

    /// <summary>One reminder per shard, due at the earliest delay or lease end, repeating until a sweep handles it.</summary>
    private async Task ArmAsync(DateTimeOffset at)
    {
        var due = at - Now;
        await RegisterReminderAsync(SweepReminder, [], due > TimeSpan.Zero ? due : TimeSpan.Zero, options.ReminderRetryPeriod);
        (_armedAt, _reminderMayExist) = (at, true);
    }

    private async Task<TaskShard> ShardAsync()
    {
        if (_shard is not null)
        {
            return _shard;
        }
        // Stored before any lease of this load is handed out: a later load always has a higher epoch (a failed write fails the call).
        var epoch = await StateManager.TryGetStateAsync<long>(EpochKey) is { HasValue: true } stored ? stored.Value + 1 : 0;
        await transactions.SaveAsync(nameof(TaskShardActor), Id.GetId(), [(EpochKey, (object)epoch)], []);
        var segments = new Dictionary<long, List<string>>();
        var records = new Dictionary<string, TaskRecord>(StringComparer.Ordinal);
        if (await StateManager.TryGetStateAsync<List<long>>(SegmentListKey) is { HasValue: true } list)
        {
            foreach (var segment in list.Value)
            {
                var ids = await StateManager.GetStateAsync<List<string>>(SegmentKey(segment));
                segments[segment] = ids;
                foreach (var id in ids)
                {
                    records[id] = await StateManager.GetStateAsync<TaskRecord>(RecordKey(id));
                }
            }
        }
        return _shard = TaskShard.Restore(options.AgeingStep, epoch, segments, records, Now);
    }

    private async Task<TaskRecord?> FindAsync(TaskShard shard, string taskId) => shard.FindLive(taskId) ?? await StoredAsync(taskId);

    private async Task<TaskRecord?> StoredAsync(string taskId) =>
        await StateManager.TryGetStateAsync<TaskRecord>(RecordKey(taskId)) is { HasValue: true } stored ? stored.Value : null;

    private static string RecordKey(string taskId) => $"task-{taskId}";

    private static string SegmentKey(long segment) => $"live-{segment}";
}
