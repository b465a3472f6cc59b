using System.Net;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>A task from submission to result through a pull worker, with fencing on every report.</summary>
public sealed class LifecycleTests(TaskQueueFixture fixture) : IClassFixture<TaskQueueFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Pull_worker_leases_heartbeats_and_completes_a_task()
    {
        var type = TaskApi.NewType("life");
        var created = await Client.CreateTaskAsync(new { task_type = type, payload = new { n = 7 } });
        Assert.Equal("ready", created.Status());

        var lease = await Client.LeaseNextAsync("w1", type);
        Assert.Equal(created.GetProperty("id").GetString(), lease.GetProperty("task_id").GetString());
        Assert.Equal(7, lease.GetProperty("payload").GetProperty("n").GetInt32());
        Assert.Equal(1, lease.GetProperty("fencing_token").GetInt64());

        var beat = await Client.ReportOkAsync("w1", "heartbeat", lease, new { lease_seconds = 60 });
        Assert.False(beat.GetProperty("cancel_requested").GetBoolean());
        await Client.ReportOkAsync("w1", "complete", lease, new { result = new { doubled = 14 } });

        var done = await Client.GetTaskAsync(lease.GetProperty("task_id").GetString()!);
        Assert.Equal("succeeded", done.Status());
        Assert.Equal(14, done.GetProperty("result").GetProperty("doubled").GetInt32());
        Assert.Null(await Client.LeaseAsync("w1", type));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_task()
    {
        var type = TaskApi.NewType("idem");
        var key = Guid.NewGuid().ToString();
        var first = await Client.CreateTaskAsync(new { task_type = type, payload = 1 }, key);
        var second = await Client.CreateTaskAsync(new { task_type = type, payload = 2 }, key);
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(1, second.GetProperty("payload").GetInt32());

        await Client.LeaseNextAsync("w-idem", type);
        Assert.Null(await Client.LeaseAsync("w-idem", type));
    }
}
