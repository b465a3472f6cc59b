using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tests.Domain;

public sealed class WorkerAccessDomainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_pool_is_degraded_below_min_full_at_max_and_admits_only_workers_it_counts_when_full()
    {
        var pool = new WorkerPool("work", MinWorkers: 2, MaxWorkers: 3);
        Assert.Equal(PoolStatus.Degraded, pool.Health(["a"]).Status);
        Assert.Equal(PoolStatus.Healthy, pool.Health(["a", "b"]).Status);
        Assert.Equal(PoolStatus.Full, pool.Health(["a", "b", "c"]).Status);
        Assert.True(pool.Admits("d", ["a", "b"]));
        Assert.True(pool.Admits("a", ["a", "b", "c"]));
        Assert.False(pool.Admits("d", ["a", "b", "c"]));
    }

    [Fact]
    public void A_worker_key_is_stored_hashed_verified_exactly_and_scoped_to_its_types()
    {
        var (key, stored) = WorkerKey.Create("ci", ["email"], T0);
        Assert.DoesNotContain(key, stored.Hash);
        Assert.Equal(stored.KeyId, WorkerKey.IdOf(key));
        Assert.True(stored.IsPresentedBy(key));
        Assert.False(stored.IsPresentedBy(key + "x"));
        Assert.False(stored.IsPresentedBy(key[..^1]));
        Assert.Null(WorkerKey.IdOf("not-a-worker-key"));
        Assert.True(stored.Allows(["email"]));
        Assert.False(stored.Allows(["email", "sms"]));
        Assert.True(WorkerKey.Create("all", [], T0).Stored.Allows(["anything"]));
    }
}
