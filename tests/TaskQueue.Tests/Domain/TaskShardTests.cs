using System.Text.Json;
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
        private long _epoch;

        /// <summary>Records as written (JSON), so later in-memory changes that were not written are not in the store.</summary>
        public Dictionary<string, string> Records { get; } = new(StringComparer.Ordinal);
        public Dictionary<long, List<string>> Segments { get; } = [];

        public ShardChanges Commit(TaskShard shard)
        {
            var changes = shard.TakeChanges();
            changes.Records.ToList().ForEach(record => Records[record.Id] = JsonSerializer.Serialize(record, JsonSerializerOptions.Web));
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

        /// <summary>A new activation of the shard: one epoch higher than the last, as the actor stores it.</summary>
        public TaskShard Reload(DateTimeOffset now) => TaskShard.Restore(Ageing, ++_epoch, Segments,
            Segments.Values.SelectMany(ids => ids).ToDictionary(id => id, id => JsonSerializer.Deserialize<TaskRecord>(Records[id], JsonSerializerOptions.Web)!,
                StringComparer.Ordinal), now);
    }

    [Fact]
    public void One_lease_call_takes_many_tasks_most_urgent_first_and_writes_nothing()
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
        Assert.Empty(changes.Records); // leases live in memory only
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
    public void A_reloaded_shard_has_the_same_live_tasks_and_queue_and_fences_off_every_earlier_lease()
    {
        var shard = new TaskShard(Ageing);
        var store = new Store();
        shard.Create("low", Spec(priority: 1), T0);
        shard.Create("high", Spec(priority: 9), T0);
        shard.Create("done", Spec(), T0);
        shard.Create("running", Spec(priority: 10), T0);
        shard.Create("cancelling", Spec(priority: 10), T0);
        store.Commit(shard);
        var leased = shard.Lease(["work"], "w", Lease, max: 2, T0).ToDictionary(grant => grant.TaskId);
        shard.Apply(shard.FindLive("done")!, task => task.Cancel(T0) == CancelOutcome.Cancelled);
        shard.Apply(shard.FindLive("cancelling")!, task => task.Cancel(T0) == CancelOutcome.Requested); // written while running
        store.Commit(shard);

        var restart = T0 + TimeSpan.FromSeconds(1);
        var reloaded = store.Reload(restart);
        Assert.Equal(4, reloaded.LiveCount);
        Assert.Null(reloaded.FindLive("done"));
        foreach (var (id, grant) in leased)
        {
            var reply = reloaded.Report(reloaded.FindLive(id)!, ReportKind.Complete, new LeaseReport(grant.FencingToken, 0, "1", null), 0.5, restart);
            Assert.NotEqual(LeaseCheck.Current, reply.Check);
        }
        Assert.Equal(restart, reloaded.NextDue()); // the stored lease of "cancelling" is void: the next sweep ends it
        Assert.Equal(1, reloaded.Sweep(restart, Tolerance, () => 0.5));
        Assert.Equal(TaskState.Cancelled, store.Commit(reloaded).Records.Single().State);

        var again = reloaded.Lease(["work"], "w2", Lease, max: 10, restart);
        Assert.Equal(["running", "high", "low"], again.Select(grant => grant.TaskId));
        Assert.True(again[0].FencingToken > leased["running"].FencingToken);
        Assert.True(store.Reload(restart).Lease(["work"], "w3", Lease, max: 1, restart).Single().FencingToken > again[0].FencingToken);
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
        Assert.Equal(0, store.Reload(T0).LiveCount);
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
