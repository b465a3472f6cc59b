using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Queues;

/// <summary>
/// pending_by_priority maps priority ("1".."10") to ready tasks; throughput counts attempts ended in the last minute;
/// pool is the type's worker pool health (null when it has no pool).
/// </summary>
public sealed record QueueStatsResponse(
    string TaskType,
    IReadOnlyDictionary<string, int> PendingByPriority,
    int Pending,
    long Running,
    double OldestWaitSeconds,
    int CompletedLastMinute,
    int FailedLastMinute,
    long CompletedTotal,
    long FailedTotal,
    PoolHealth? Pool)
{
    public static QueueStatsResponse From(QueueStats stats, PoolHealth? pool) => new(
        stats.TaskType,
        Enumerable.Range(1, stats.PendingByPriority.Length - 1).Where(priority => stats.PendingByPriority[priority] > 0)
            .ToDictionary(priority => priority.ToString(System.Globalization.CultureInfo.InvariantCulture), priority => stats.PendingByPriority[priority]),
        stats.PendingByPriority.Sum(), stats.Running, stats.OldestWaitSeconds, stats.CompletedLastMinute, stats.FailedLastMinute,
        stats.CompletedTotal, stats.FailedTotal, pool);
}

/// <summary>degraded_pools: task types whose pool has fewer alive workers than its minimum.</summary>
public sealed record StatsResponse(IReadOnlyList<QueueStatsResponse> Queues, int Pending, long Running, int CompletedLastMinute, int DeadLettered, IReadOnlyList<string> DegradedPools);

public sealed record RequeueBody(List<string>? TaskIds);

public sealed record RequeueResponse(IReadOnlyList<string> Requeued);

public sealed record PurgeResponse(int Purged);
