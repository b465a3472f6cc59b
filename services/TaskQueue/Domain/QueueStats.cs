namespace AmazonScale.TaskQueue.Domain;

/// <summary>One task type's queue as one shard sees it; <see cref="Merge"/> adds up the shards of a type.</summary>
public sealed record QueueStats(
    string TaskType,
    int[] PendingByPriority,
    long Running,
    double OldestWaitSeconds,
    int CompletedLastMinute,
    int FailedLastMinute,
    long CompletedTotal,
    long FailedTotal)
{
    public static QueueStats Merge(string taskType, IReadOnlyList<QueueStats> shards) => new(
        taskType,
        Enumerable.Range(0, TaskSpec.MaxPriority + 1).Select(priority => shards.Sum(shard => shard.PendingByPriority[priority])).ToArray(),
        shards.Sum(shard => shard.Running),
        shards.Select(shard => shard.OldestWaitSeconds).DefaultIfEmpty(0).Max(),
        shards.Sum(shard => shard.CompletedLastMinute),
        shards.Sum(shard => shard.FailedLastMinute),
        shards.Sum(shard => shard.CompletedTotal),
        shards.Sum(shard => shard.FailedTotal));
}
