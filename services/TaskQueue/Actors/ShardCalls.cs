using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// The shard actor calls that every task makes (Create, Lease, Report), merged across concurrent requests by
/// <see cref="CallCoalescer{TKey, TItem, TResult}"/>: under load many workers' submissions and reports for one shard
/// wait for its turns at once, and each merged call saves a sidecar round trip, an actor turn and (but for leases,
/// which write nothing) a state commit.
/// </summary>
public sealed class ShardCalls
{
    /// <summary>A merged call's estimated body stays far below the sidecar's request limit (daprd's default is 4 MiB).</summary>
    private const long MaxMergedBytes = 1024 * 1024;

    /// <summary>
    /// Two calls per shard and method: one the shard works on, one on its way (its answer travelling back, or queued at
    /// the actor behind the first). With one, the shard idled while answers travelled: one-task rounds ran at a third of
    /// main's in a calm bench pair (bench/RESULTS.md, task queue, session 6).
    /// </summary>
    private const int MaxInFlight = 2;

    /// <summary>What an item costs besides its payload, result or error: ids, fields, JSON punctuation.</summary>
    private const long ItemOverheadBytes = 512;

    private readonly CallCoalescer<(string Shard, bool WithRecords), NewTask, TaskCreation> _creates;
    private readonly CallCoalescer<string, LeaseTasks, List<LeaseGrant>> _leases;
    private readonly CallCoalescer<(string Shard, ReportKind Kind), TaskReport, LeaseReply?> _reports;

    public ShardCalls(TaskActors actors)
    {
        _creates = new((key, tasks) => actors.Shard(key.Shard).InvokeMethodAsync<CreateTasks, List<TaskCreation>>(
                nameof(ITaskShardActor.Create), new CreateTasks(tasks, key.WithRecords)),
            task => ItemOverheadBytes + task.Spec.PayloadJson.Length, MaxMergedBytes, MaxInFlight);
        // A lease request is small; what it weighs is the reply of up to Max tasks.
        _leases = new((shard, commands) => actors.Shard(shard).InvokeMethodAsync<List<LeaseTasks>, List<List<LeaseGrant>>>(nameof(ITaskShardActor.Lease), commands),
            command => ItemOverheadBytes * command.Max, MaxMergedBytes, MaxInFlight);
        _reports = new((key, reports) => actors.Shard(key.Shard).InvokeMethodAsync<ReportTasks, List<LeaseReply?>>(
                nameof(ITaskShardActor.Report), new ReportTasks(key.Kind, reports)),
            report => ItemOverheadBytes + (report.Report.ResultJson?.Length ?? 0) + (report.Report.Error?.Length ?? 0), MaxMergedBytes, MaxInFlight);
    }

    /// <returns>One creation per task, in order.</returns>
    public Task<List<TaskCreation>> CreateAsync(string shard, IReadOnlyList<NewTask> tasks, bool withRecords, CancellationToken cancellationToken) =>
        _creates.CallAsync((shard, withRecords), tasks, cancellationToken);

    /// <returns>The tasks leased, most urgent first (none when none is ready).</returns>
    public async Task<List<LeaseGrant>> LeaseAsync(string shard, LeaseTasks command, CancellationToken cancellationToken) =>
        (await _leases.CallAsync(shard, [command], cancellationToken))[0];

    /// <returns>One reply per report, in order; null for a task the shard does not know.</returns>
    public Task<List<LeaseReply?>> ReportAsync(string shard, ReportKind kind, IReadOnlyList<TaskReport> reports, CancellationToken cancellationToken) =>
        _reports.CallAsync((shard, kind), reports, cancellationToken);
}
