namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>Delays, queues and leases are durable: kill -9 of the service and its sidecar loses and duplicates nothing.</summary>
public sealed class CrashTests
{
    [Fact]
    public async Task Delayed_ready_and_leased_tasks_survive_a_crash_of_service_and_sidecar()
    {
        using var resources = TaskQueueInstance.NewResources();
        var type = TaskApi.NewType("crash");
        DateTimeOffset scheduledAt;
        string delayed, ready, leased;
        long leasedToken;
        using (var before = await ProcessTaskQueue.StartAsync(resources))
        {
            // Far enough out that the crash and restart happen before it (the restart is timed below, not assumed).
            scheduledAt = DateTimeOffset.UtcNow.AddSeconds(8);
            delayed = await before.Client.SubmitAsync(new { task_type = type, payload = "delayed", scheduled_at = scheduledAt, priority = 10 });
            leased = await before.Client.SubmitAsync(new { task_type = type, payload = "leased", priority = 9 });
            var lease = await before.Client.LeaseNextAsync("doomed", type, leaseSeconds: 2);
            Assert.Equal(leased, lease.GetProperty("task_id").GetString());
            leasedToken = lease.GetProperty("fencing_token").GetInt64();
            ready = await before.Client.SubmitAsync(new { task_type = type, payload = "ready", priority = 1 });
            before.Crash();
        }

        using var after = await ProcessTaskQueue.StartAsync(resources);
        var seen = new List<string>();
        while (seen.Count < 3)
        {
            var lease = await after.Client.LeaseNextAsync("survivor", type);
            var id = lease.GetProperty("task_id").GetString()!;
            if (id == delayed)
            {
                Assert.True(DateTimeOffset.UtcNow >= scheduledAt.AddSeconds(-1), "the delayed task was released early");
            }
            if (id == leased)
            {
                Assert.True(lease.GetProperty("fencing_token").GetInt64() > leasedToken);
            }
            seen.Add(id);
            await after.Client.ReportOkAsync("survivor", "complete", lease);
        }
        Assert.Equal(new[] { delayed, ready, leased }.Order(), seen.Order());
        Assert.Null(await after.Client.LeaseAsync("survivor", type));
    }

    [Fact]
    public async Task A_batch_leased_in_one_call_is_redelivered_after_a_crash_with_newer_tokens_and_runs_once()
    {
        using var resources = TaskQueueInstance.NewResources();
        var type = TaskApi.NewType("crash-batch");
        List<System.Text.Json.JsonElement> lost;
        using (var before = await ProcessTaskQueue.StartAsync(resources))
        {
            await before.Client.SubmitBatchAsync(Enumerable.Range(0, 20).Select(i => (object)new { task = new { task_type = type, payload = i } }));
            lost = await before.Client.LeaseAllAsync("doomed", type, 20, leaseSeconds: 2);
            before.Crash();
        }

        using var after = await ProcessTaskQueue.StartAsync(resources);
        var redelivered = await after.Client.LeaseAllAsync("survivor", type, 20);
        var tokens = lost.ToDictionary(lease => lease.GetProperty("task_id").GetString()!, lease => lease.GetProperty("fencing_token").GetInt64());
        Assert.Equal(tokens.Keys.Order(), redelivered.Select(lease => lease.GetProperty("task_id").GetString()!).Order());
        Assert.All(redelivered, lease => Assert.True(lease.GetProperty("fencing_token").GetInt64() > tokens[lease.GetProperty("task_id").GetString()!]));
        Assert.All(await after.Client.ReportManyAsync("survivor", "complete", redelivered), result => Assert.Equal(200, result.GetProperty("status").GetInt32()));
        Assert.All(await after.Client.ReportManyAsync("doomed", "complete", lost), result => Assert.Equal(409, result.GetProperty("status").GetInt32()));
        Assert.Empty(await after.Client.LeaseManyAsync("survivor", type, 20));
    }
}
