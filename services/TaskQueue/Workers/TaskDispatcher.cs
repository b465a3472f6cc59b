using System.Collections.Concurrent;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>
/// Hands ready tasks to workers: among the requested types the queue whose best entry has the highest effective
/// priority is asked for a claim, the task actor turns the claim into a lease (or refuses: cancelled meanwhile), and
/// the queue is acked. Used by the pull API and the push dispatcher alike.
/// </summary>
public sealed class TaskDispatcher(TaskActors actors, WorkerDirectory directory, TaskQueueMetrics metrics, TimeProvider time)
{
    /// <summary>
    /// After a type's queue was found empty, lease calls on this instance answer "nothing" for this long without asking
    /// it: idle workers polling in a tight loop would otherwise take most of the queue actor's turns away from
    /// enqueues and acks. It bounds the extra dispatch delay a new task can see.
    /// </summary>
    public static readonly TimeSpan EmptyQueueHold = TimeSpan.FromMilliseconds(25);

    private readonly ConcurrentDictionary<string, long> _emptyUntil = new(StringComparer.Ordinal);

    /// <summary>Claims that turn out stale (a cancelled task) are skipped; this bounds the skips per lease call.</summary>
    private const int MaxClaims = 8;

    public async Task<LeaseGrant?> LeaseAsync(string workerId, string kind, IReadOnlyList<string> taskTypes, int leaseSeconds, CancellationToken cancellationToken)
    {
        directory.Seen(workerId, kind, taskTypes, leased: false);
        for (var claims = 0; claims < MaxClaims; claims++)
        {
            if (await BestQueueAsync(taskTypes, cancellationToken) is not { } taskType)
            {
                return null;
            }
            var queue = actors.Queue(taskType);
            var entry = await queue.InvokeMethodAsync<QueueEntry?>(nameof(IQueueActor.Claim), cancellationToken);
            if (entry is null)
            {
                MarkEmpty(taskType);
                return null;
            }
            var grant = await actors.Task(entry.TaskId).InvokeMethodAsync<LeaseTask, LeaseGrant?>(nameof(ITaskActor.Lease), new LeaseTask(workerId, leaseSeconds), cancellationToken);
            await queue.InvokeMethodAsync(nameof(IQueueActor.Ack), new Ack(entry.TaskId, Leased: grant is not null), cancellationToken);
            if (grant is not null)
            {
                directory.Seen(workerId, kind, taskTypes, leased: true);
                metrics.Dispatched(taskType, entry.EnqueuedAt);
                return grant;
            }
        }
        return null;
    }

    public Task<LeaseReply?> HeartbeatAsync(string taskId, LeaseReport report, CancellationToken cancellationToken) =>
        ReportAsync(nameof(ITaskActor.Heartbeat), taskId, report, cancellationToken);

    public Task<LeaseReply?> CompleteAsync(string taskId, LeaseReport report, CancellationToken cancellationToken) =>
        ReportAsync(nameof(ITaskActor.Complete), taskId, report, cancellationToken);

    public Task<LeaseReply?> FailAsync(string taskId, LeaseReport report, CancellationToken cancellationToken) =>
        ReportAsync(nameof(ITaskActor.Fail), taskId, report, cancellationToken);

    private Task<LeaseReply?> ReportAsync(string method, string taskId, LeaseReport report, CancellationToken cancellationToken) =>
        actors.Task(taskId).InvokeMethodAsync<LeaseReport, LeaseReply?>(method, report, cancellationToken);

    private async Task<string?> BestQueueAsync(IReadOnlyList<string> taskTypes, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var candidates = taskTypes.Where(type => !_emptyUntil.TryGetValue(type, out var until) || until < now).ToList();
        if (candidates.Count <= 1)
        {
            return candidates.FirstOrDefault();
        }
        var priorities = await Task.WhenAll(candidates.Select(type => actors.Queue(type).InvokeMethodAsync<int>(nameof(IQueueActor.PeekPriority), cancellationToken)));
        for (var i = 0; i < candidates.Count; i++)
        {
            if (priorities[i] == 0)
            {
                MarkEmpty(candidates[i]);
            }
        }
        var best = Array.IndexOf(priorities, priorities.Max());
        return priorities[best] > 0 ? candidates[best] : null;
    }

    private void MarkEmpty(string taskType) =>
        _emptyUntil[taskType] = time.GetTimestamp() + (long)(EmptyQueueHold.TotalSeconds * time.TimestampFrequency);
}
