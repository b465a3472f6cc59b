using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tests.Domain;

public sealed class RetryBackoffTests
{
    [Fact]
    public void Without_jitter_the_delay_doubles_up_to_the_cap()
    {
        var backoff = new RetryBackoff(InitialSeconds: 1, MaxSeconds: 10, Multiplier: 2, Jitter: 0);
        var delays = Enumerable.Range(1, 6).Select(attempt => backoff.DelayAfter(attempt, 0.5).TotalSeconds).ToList();
        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
    }

    [Theory]
    [InlineData(0.0, 8.0)]
    [InlineData(0.5, 10.0)]
    [InlineData(0.999999, 12.0)]
    public void Jitter_spreads_the_delay_by_its_fraction_both_ways(double sample, double expected)
    {
        var backoff = new RetryBackoff(InitialSeconds: 10, MaxSeconds: 100, Multiplier: 2, Jitter: 0.2);
        Assert.Equal(expected, backoff.DelayAfter(1, sample).TotalSeconds, precision: 3);
    }

    [Fact]
    public void The_failed_task_waits_out_each_back_off_on_the_task_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var spec = TaskRecordTests.Spec(maxRetries: 3) with { Backoff = new RetryBackoff(2, 60, 3, 0) };
        var task = TaskRecord.Create("t", spec, clock.GetUtcNow());
        var waits = new List<double>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var lease = task.Lease("w", TimeSpan.FromSeconds(30), clock.GetUtcNow())!;
            Assert.Equal(LeaseCheck.Current, task.Fail(lease.FencingToken, "boom", 0.5, clock.GetUtcNow()));
            Assert.Equal(TaskState.RetryWaiting, task.State);
            waits.Add((task.NextAttemptAt!.Value - clock.GetUtcNow()).TotalSeconds);
            clock.Advance(task.NextAttemptAt!.Value - clock.GetUtcNow());
            Assert.True(task.ReleaseRetry(attempt + 1, clock.GetUtcNow()));
        }
        Assert.Equal([2, 6, 18], waits);
        var last = task.Lease("w", TimeSpan.FromSeconds(30), clock.GetUtcNow())!;
        task.Fail(last.FencingToken, "boom", 0.5, clock.GetUtcNow());
        Assert.Equal(TaskState.DeadLettered, task.State);
    }
}
