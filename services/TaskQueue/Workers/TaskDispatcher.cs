using System.Collections.Concurrent;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>
/// Hands ready tasks to workers and takes their reports: among the shards of the requested types the one whose best
/// task has the highest effective priority leases up to <c>max</c> tasks in one turn; reports are grouped by shard, one
/// call (one commit) per shard. Leases and reports to a shard are merged with other requests' (<see cref="ShardCalls"/>).
/// Used by the pull API and the push dispatcher alike.
/// </summary>
public sealed class TaskDispatcher(TaskActors actors, ShardCalls shards, WorkerDirectory directory, TaskQueueMetrics metrics, TaskQueueOptions options, TimeProvider time)
{
    /// <summary>
    /// After a shard was found empty, lease calls on this instance answer "nothing" for this long without asking it:
    /// idle workers polling in a tight loop would otherwise take most of the shard's turns away from submissions and
    /// reports. It bounds the extra dispatch delay a new task can see.
    /// </summary>
    public static readonly TimeSpan EmptyQueueHold = TimeSpan.FromMilliseconds(25);

    private readonly ConcurrentDictionary<string, long> _emptyUntil = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<LeaseGrant>> LeaseAsync(string workerId, string kind, IReadOnlyList<string> taskTypes, int leaseSeconds, int max, CancellationToken cancellationToken)
    {
        directory.Seen(workerId, kind, taskTypes, leases: 0);
        var now = time.GetTimestamp();
        var candidates = taskTypes
            .SelectMany(type => TaskIds.ShardsOf(type, options.ShardsPerType).Select(shard => (Shard: shard, Type: type)))
            .Where(candidate => !_emptyUntil.TryGetValue(candidate.Shard, out var until) || until < now)
            .GroupBy(candidate => candidate.Shard, candidate => candidate.Type)
            .ToList();
        if (await BestShardAsync(candidates, cancellationToken) is not { } best)
        {
            return [];
        }
        var grants = await shards.LeaseAsync(best.Key, new LeaseTasks(workerId, best.ToList(), leaseSeconds, max), cancellationToken);
        if (grants.Count == 0)
        {
            MarkEmpty(best.Key);
            return grants;
        }
        directory.Seen(workerId, kind, taskTypes, grants.Count);
        grants.ForEach(grant => metrics.Dispatched(grant.TaskType, grant.ReadySince));
        return grants;
    }

    /// <returns>One reply per report, in order; null for an unknown task.</returns>
    public async Task<IReadOnlyList<LeaseReply?>> ReportAsync(ReportKind kind, IReadOnlyList<TaskReport> reports, CancellationToken cancellationToken)
    {
        var replies = new LeaseReply?[reports.Count];
        var byShard = reports.Select((report, index) => (Report: report, Index: index)).GroupBy(item => TaskIds.ShardOf(item.Report.TaskId));
        await Task.WhenAll(byShard.Select(async shard =>
        {
            var answers = await shards.ReportAsync(shard.Key, kind, shard.Select(item => item.Report).ToList(), cancellationToken);
            foreach (var (item, answer) in shard.Zip(answers))
            {
                replies[item.Index] = answer;
            }
        }));
        return replies;
    }

    public async Task<LeaseReply?> ReportAsync(ReportKind kind, string taskId, LeaseReport report, CancellationToken cancellationToken) =>
        (await ReportAsync(kind, [new TaskReport(taskId, report)], cancellationToken))[0];

    private async Task<IGrouping<string, string>?> BestShardAsync(List<IGrouping<string, string>> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count <= 1)
        {
            return candidates.FirstOrDefault();
        }
        var priorities = await Task.WhenAll(candidates.Select(candidate =>
            actors.Shard(candidate.Key).InvokeMethodAsync<List<string>, int>(nameof(ITaskShardActor.PeekPriority), candidate.ToList(), cancellationToken)));
        for (var i = 0; i < candidates.Count; i++)
        {
            if (priorities[i] == 0)
            {
                MarkEmpty(candidates[i].Key);
            }
        }
        var best = Array.IndexOf(priorities, priorities.Max());
        return priorities[best] > 0 ? candidates[best] : null;
    }

    private void MarkEmpty(string shard) =>
        _emptyUntil[shard] = time.GetTimestamp() + (long)(EmptyQueueHold.TotalSeconds * time.TimestampFrequency);
}
