using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tests.Domain;

public sealed class TaskRecordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public static TaskSpec Spec(int maxRetries = 2, DateTimeOffset? scheduledAt = null, IReadOnlyList<string>? dependencies = null,
        DependencyPolicy policy = DependencyPolicy.Fail, int timeoutSeconds = 300) =>
        new("work", "{}", 5, scheduledAt, timeoutSeconds, maxRetries, RetryBackoff.Default, dependencies ?? [], policy, Critical: false);

    [Fact]
    public void Every_lease_gets_a_higher_fencing_token_and_older_tokens_are_stale()
    {
        var task = TaskRecord.Create("t", Spec(), T0);
        var first = task.Lease("w1", Lease, T0)!;
        Assert.Equal(LeaseExpiry.Requeued, task.ExpireLease(0.5, T0 + Lease));
        var second = task.Lease("w2", Lease, T0 + Lease)!;

        Assert.Equal(first.FencingToken + 1, second.FencingToken);
        Assert.Equal(LeaseCheck.Stale, task.Heartbeat(first.FencingToken, Lease, T0 + Lease));
        Assert.Equal(LeaseCheck.Stale, task.Complete(first.FencingToken, "1", T0 + Lease));
        Assert.Equal(LeaseCheck.Current, task.Complete(second.FencingToken, "2", T0 + Lease));
        Assert.Equal(LeaseCheck.AlreadyDone, task.Complete(second.FencingToken, "2", T0 + Lease));
        Assert.Equal("2", task.ResultJson);
        Assert.Equal(1, task.Attempt);
    }

    [Fact]
    public void A_heartbeat_extends_the_lease_but_never_past_the_timeout()
    {
        var task = TaskRecord.Create("t", Spec(timeoutSeconds: 45), T0);
        var lease = task.Lease("w", Lease, T0)!;
        Assert.Equal(LeaseCheck.Current, task.Heartbeat(lease.FencingToken, Lease, T0 + TimeSpan.FromSeconds(20)));
        Assert.Equal(T0 + TimeSpan.FromSeconds(45), task.LeaseExpiresAt);
        Assert.Equal(LeaseExpiry.StillLeased, task.ExpireLease(0.5, T0 + TimeSpan.FromSeconds(40)));
        Assert.Equal(LeaseExpiry.Ended, task.ExpireLease(0.5, T0 + TimeSpan.FromSeconds(45)));
        Assert.Equal(TaskState.RetryWaiting, task.State);
        Assert.Contains("timed out", task.Error);
    }

    [Fact]
    public void Cancelling_pending_work_ends_it_and_running_work_is_asked_to_stop()
    {
        var pending = TaskRecord.Create("p", Spec(scheduledAt: T0.AddMinutes(5)), T0);
        Assert.Equal(TaskState.Scheduled, pending.State);
        Assert.Equal(CancelOutcome.Cancelled, pending.Cancel(T0));
        Assert.Null(pending.Lease("w", Lease, T0));
        Assert.False(pending.ReleaseScheduled(T0.AddMinutes(5), TimeSpan.Zero));

        var running = TaskRecord.Create("r", Spec(), T0);
        var lease = running.Lease("w", Lease, T0)!;
        Assert.Equal(CancelOutcome.Requested, running.Cancel(T0));
        Assert.Equal(TaskState.Running, running.State);
        Assert.True(running.CancelRequested);
        Assert.Equal(LeaseCheck.Current, running.Fail(lease.FencingToken, "stopped", 0.5, T0));
        Assert.Equal(TaskState.Cancelled, running.State);
        Assert.Equal(CancelOutcome.AlreadyFinal, running.Cancel(T0));
    }

    [Fact]
    public void A_delayed_task_is_released_once_at_its_time()
    {
        var task = TaskRecord.Create("t", Spec(scheduledAt: T0.AddSeconds(10)), T0);
        var tolerance = TimeSpan.FromMilliseconds(50);
        Assert.False(task.ReleaseScheduled(T0.AddSeconds(9), tolerance));
        Assert.True(task.ReleaseScheduled(T0.AddSeconds(10) - tolerance, tolerance));
        Assert.False(task.ReleaseScheduled(T0.AddSeconds(11), tolerance));
        Assert.Equal(TaskState.Ready, task.State);
    }

    [Theory]
    [InlineData(DependencyPolicy.Fail, TaskState.Failed)]
    [InlineData(DependencyPolicy.Skip, TaskState.Skipped)]
    public void A_failed_dependency_ends_the_task_by_its_policy(DependencyPolicy policy, TaskState expected)
    {
        var task = TaskRecord.Create("t", Spec(dependencies: ["a"], policy: policy), T0);
        Assert.Equal(TaskState.Blocked, task.State);
        Assert.True(task.ResolveDependencies("a", T0));
        Assert.Equal(expected, task.State);
        Assert.False(task.ResolveDependencies(null, T0));
    }

    [Fact]
    public void A_retry_release_applies_only_to_the_expected_attempt_once()
    {
        var task = TaskRecord.Create("t", Spec(), T0);
        var lease = task.Lease("w", Lease, T0)!;
        task.Fail(lease.FencingToken, "boom", 0.5, T0);
        Assert.False(task.ReleaseRetry(3, T0));
        Assert.True(task.ReleaseRetry(2, T0));
        Assert.False(task.ReleaseRetry(2, T0));
        Assert.Equal(2, task.Attempt);
    }

    [Fact]
    public void A_dead_lettered_task_can_be_retried_from_its_first_attempt()
    {
        var task = TaskRecord.Create("t", Spec(maxRetries: 0), T0);
        var lease = task.Lease("w", Lease, T0)!;
        task.Fail(lease.FencingToken, "boom", 0.5, T0);
        Assert.Equal(TaskState.DeadLettered, task.State);
        Assert.True(task.Retry(T0));
        Assert.Equal(TaskState.Ready, task.State);
        Assert.Equal(1, task.Attempt);
        Assert.False(task.Retry(T0));
    }
}
