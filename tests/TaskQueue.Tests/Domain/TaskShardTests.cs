using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tests.Domain;

public sealed class TaskShardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ageing = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(50);

    private static TaskSpec Spec(int priority = 5, DateTimeOffset? scheduledAt = null, string type = "work") =>
        new(type, "{}", priority, scheduledAt, 300, 0, RetryBackoff.Default, [], DependencyPolicy.Fail, Critical: false);

    /// <summary>A stand-in for the actor's state: applies each change set like the one transaction the actor writes.</summary>
    private sealed class Store
    {
        public Dictionary<string, TaskRecord> Records { get; } = new(StringComparer.Ordinal);
        public Dictionary<long, List<string>> Segments { get; } = [];

        public ShardChanges Commit(TaskShard shard)
        {
            var changes = shard.TakeChanges();
            changes.Records.ToList().ForEach(record => Records[record.Id] = record);
            foreach (var (segment, ids) in changes.Segments)
            {
                if (ids is null)
                {
                    Segments.Remove(segment);
                }
                else
                {
                    Segments[segment] = ids;
                }
            }
            return changes;
        }

        public TaskShard Reload() => TaskShard.Restore(Ageing, Segments,
            Segments.Values.SelectMany(ids => ids).ToDictionary(id => id, id => Records[id], StringComparer.Ordinal));
    }

    [Fact]
    public void One_lease_call_takes_many_tasks_most_urgent_first_and_commits_them_together()
    {
        var shard = new TaskShard(Ageing);
        var store = new Store();
        for (var i = 0; i < 10; i++)
        {
            shard.Create($"t{i}", Spec(priority: 1 + i % 3), T0);
        }
        Assert.Equal(10, store.Commit(shard).Records.Count);

        var grants = shard.Lease(["work"], "w", Lease, max: 4, T0);
        Assert.Equal([3, 3, 3, 2], grants.Select(grant => grant.Priority));
        Assert.All(grants, grant => Assert.Equal(1, grant.FencingToken));
        var changes = store.Commit(shard);
        Assert.Equal(4, changes.Records.Count);
        Assert.Empty(changes.Segments); // still live: the index does not change
        Assert.Equal(T0 + Lease, shard.NextDue());
        Assert.Equal(6, shard.Lease(["work", "other"], "w", Lease, max: 100, T0).Count);
        Assert.Empty(shard.Lease(["work"], "w", Lease, max: 100, T0));
    }

    [Fact]
    public void The_sweep_requeues_expired_leases_and_releases_due_delays()
    {
        var shard = new TaskShard(Ageing);
        shard.Create("leased", Spec(), T0);
        shard.Create("delayed", Spec(scheduledAt: T0 + TimeSpan.FromSeconds(10)), T0);
        var first = Assert.Single(shard.Lease(["work"], "w1", Lease, max: 10, T0));
        Assert.Equal(T0 + TimeSpan.FromSeconds(10), shard.NextDue());

        Assert.Equal(1, shard.Sweep(T0 + TimeSpan.FromSeconds(10), Tolerance, () => 0.5));
        Assert.Equal(T0 + Lease, shard.NextDue());
        Assert.Equal(1, shard.Sweep(T0 + Lease, Tolerance, () => 0.5));
        Assert.Null(shard.NextDue());

        var again = shard.Lease(["work"], "w2", Lease, max: 10, T0 + Lease);
        Assert.Equal(["delayed", "leased"], again.Select(grant => grant.TaskId).Order());
        Assert.Equal(first.FencingToken + 1, again.Single(grant => grant.TaskId == "leased").FencingToken);
    }

    [Fact]
    public void A_reloaded_shard_has_the_same_live_tasks_queue_and_leases()
    {
        var shard = new TaskShard(Ageing);
        var store = new Store();
        shard.Create("low", Spec(priority: 1), T0);
        shard.Create("high", Spec(priority: 9), T0);
        shard.Create("done", Spec(), T0);
        shard.Create("running", Spec(priority: 10), T0);
        store.Commit(shard);
        var leased = shard.Lease(["work"], "w", Lease, max: 1, T0).Single();
        var done = shard.FindLive("done")!;
        shard.Apply(done, task => task.Cancel(T0) == CancelOutcome.Cancelled);
        store.Commit(shard);

        var reloaded = store.Reload();
        Assert.Equal(3, reloaded.LiveCount);
        Assert.Null(reloaded.FindLive("done"));
        Assert.Equal(T0 + Lease, reloaded.NextDue());
        Assert.Equal(["high", "low"], reloaded.Lease(["work"], "w", Lease, max: 10, T0).Select(grant => grant.TaskId));
        var reply = reloaded.Report(reloaded.FindLive("running")!, ReportKind.Complete, new LeaseReport(leased.FencingToken, 0, "1", null), 0.5, T0);
        Assert.Equal(LeaseCheck.Current, reply.Check);
        Assert.Equal(TaskState.Succeeded, reply.State);
    }

    [Fact]
    public void Ended_tasks_leave_the_index_and_an_empty_segment_is_deleted()
    {
        var shard = new TaskShard(Ageing);
        var store = new Store();
        shard.Create("a", Spec(), T0);
        store.Commit(shard);
        var grant = shard.Lease(["work"], "w", Lease, max: 1, T0).Single();
        shard.Report(shard.FindLive("a")!, ReportKind.Complete, new LeaseReport(grant.FencingToken, 0, null, null), 0.5, T0);
        var changes = store.Commit(shard);

        Assert.Null(Assert.Single(changes.Segments).Value);
        Assert.Empty(changes.SegmentList!);
        Assert.Equal([TaskState.Ready, TaskState.Running], changes.Transitions.Select(transition => transition.Previous!.Value));
        Assert.Equal(TaskState.Succeeded, changes.Transitions[^1].Record.State);
        Assert.Equal(0, store.Reload().LiveCount);
        Assert.Equal(1, shard.Stats("work", T0).CompletedTotal);
    }

    [Fact]
    public void Ids_name_their_shard_and_keys_give_the_same_id()
    {
        var id = TaskIds.New("work", 3);
        Assert.True(TaskIds.IsValid(id));
        Assert.Equal(TaskIds.ShardsOf("work", 4)[3], TaskIds.ShardOf(id));
        Assert.Equal(TaskIds.FromIdempotencyKey("k1", "work", 4), TaskIds.FromIdempotencyKey("k1", "work", 4));
        Assert.True(TaskIds.IsKeyDerived(TaskIds.FromIdempotencyKey("k1", "work", 4)));
        Assert.NotEqual(TaskIds.ShardsOf("work", 1)[0], TaskIds.ShardsOf("other", 1)[0]);
    }
}
