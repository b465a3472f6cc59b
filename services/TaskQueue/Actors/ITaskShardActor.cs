using AmazonScale.TaskQueue.Domain;
using Dapr.Actors;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// One shard of a task type (actor id = <see cref="TaskIds.ShardOf"/> of its tasks): the single writer of its tasks'
/// records, their ready queue, leases and delays. Methods take many tasks at once so one turn commits them together.
/// </summary>
public interface ITaskShardActor : IActor
{
    Task<List<TaskCreation>> Create(CreateTasks command);

    Task<TaskRecord?> Get(string taskId);

    Task<DependantRegistration?> AddDependant(AddDependant command);

    /// <summary>The best effective priority ready among these types (0: none), without leasing.</summary>
    Task<int> PeekPriority(List<string> taskTypes);

    /// <summary>One list of grants per lease request, in order (requests of several workers merged into one turn).</summary>
    Task<List<List<LeaseGrant>>> Lease(List<LeaseTasks> commands);

    /// <summary>One reply per report, in order; null for a task this shard does not know.</summary>
    Task<List<LeaseReply?>> Report(ReportTasks command);

    Task<CancelReply?> Cancel(string taskId);

    Task<RetryReply?> Retry(string taskId);

    Task<bool> ReleaseRetry(ReleaseAttempt command);

    Task<bool> ResolveDependencies(ResolveDependencies command);

    Task<QueueStats> Stats(string taskType);
}
