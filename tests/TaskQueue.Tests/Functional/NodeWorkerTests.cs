using System.Globalization;
using AmazonScale.TestSupport;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>samples/task-worker-node: a plain-HTTP pull worker in another language, as a real process.</summary>
public sealed class NodeWorkerTests(TaskQueueFixture fixture) : IClassFixture<TaskQueueFixture>
{
    private HttpClient Client => fixture.Client;

    private ChildProcess StartWorker(string workerId, string types, int leaseSeconds)
    {
        var node = Infrastructure.Require("node", "apt-get install nodejs");
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../samples/task-worker-node/worker.js"));
        return new ChildProcess(node, [script], new Dictionary<string, string?>
        {
            ["TASK_QUEUE_URL"] = $"http://127.0.0.1:{fixture.Service.Port}",
            ["WORKER_ID"] = workerId,
            ["WORKER_KEY"] = TaskQueueInstance.WorkerKey,
            ["TASK_TYPES"] = types,
            ["LEASE_SECONDS"] = leaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });
    }

    [SkippableFact]
    public async Task The_node_worker_runs_tasks_and_reports_failures()
    {
        var echo = TaskApi.NewType("node-echo");
        var fail = TaskApi.NewType("node-fail");
        using var worker = StartWorker("node-1", $"{echo},{fail}", 10);
        await worker.WaitForOutputAsync("worker ready", TaskApi.Patience);

        // The sample routes by the type's prefix, so unique test types still reach the right handler.
        var done = await Client.WaitForStatusAsync(await Client.SubmitAsync(new { task_type = echo, payload = new { hello = "node" } }), "succeeded");
        Assert.Equal("node", done.GetProperty("result").GetProperty("worker").GetString());
        Assert.Equal("node", done.GetProperty("result").GetProperty("echo").GetProperty("hello").GetString());

        var failed = await Client.WaitForStatusAsync(await Client.SubmitAsync(new { task_type = fail, payload = 1, max_retries = 0 }), "dead_lettered");
        Assert.Contains("failing on purpose", failed.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task A_killed_worker_loses_its_task_to_the_next_worker_within_the_lease()
    {
        var type = TaskApi.NewType("node-sleep");
        using var worker = StartWorker("node-doomed", type, leaseSeconds: 2);
        await worker.WaitForOutputAsync("worker ready", TaskApi.Patience);
        var id = await Client.SubmitAsync(new { task_type = type, payload = new { ms = 120_000 }, critical = true });
        var running = await Client.WaitForStatusAsync(id, "running");
        Assert.Equal("node-doomed", running.GetProperty("worker_id").GetString());

        worker.KillHard();
        var lease = await Client.LeaseNextAsync("rescuer", type);
        Assert.Equal(id, lease.GetProperty("task_id").GetString());
        Assert.True(lease.GetProperty("fencing_token").GetInt64() > running.GetProperty("fencing_token").GetInt64());
        await Client.ReportOkAsync("rescuer", "complete", lease);
        Assert.Equal("succeeded", (await Client.GetTaskAsync(id)).Status());
    }

    [SkippableFact]
    public async Task Cancelling_a_running_task_stops_the_node_worker_within_a_heartbeat()
    {
        var type = TaskApi.NewType("node-sleep");
        using var worker = StartWorker("node-cancel", type, leaseSeconds: 3);
        await worker.WaitForOutputAsync("worker ready", TaskApi.Patience);
        var id = await Client.SubmitAsync(new { task_type = type, payload = new { ms = 120_000 } });
        await Client.WaitForStatusAsync(id, "running");

        using var cancel = await Client.PostAsync($"api/v1/tasks/{id}/cancel", null);
        cancel.EnsureSuccessStatusCode();
        var cancelled = await Client.WaitForStatusAsync(id, "cancelled");
        Assert.Equal("cancelled", cancelled.GetProperty("error").GetString());
    }
}
