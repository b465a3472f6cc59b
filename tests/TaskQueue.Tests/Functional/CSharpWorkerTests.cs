using AmazonScale.Samples.TaskWorker;
using AmazonScale.TestSupport.Services;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>
/// samples/TaskWorker: a push worker app with its own sidecar. It registers through Dapr service invocation and the
/// queue delivers tasks to it the same way; cancellation reaches it through the heartbeats the queue sends for it.
/// </summary>
public sealed class CSharpWorkerTests : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = TaskQueueInstance.NewResources();
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private TaskQueueInstance _queue = null!;
    private ServiceUnderTest<TaskWorkerOptions> _worker = null!;

    private string Echo => $"echo-{_suffix}";
    private string Sleep => $"sleep-{_suffix}";
    private string Fail => $"fail-{_suffix}";

    public async Task InitializeAsync()
    {
        _queue = await TaskQueueInstance.StartAsync(_resources, new Dictionary<string, string?>
        {
            ["TaskQueue:DefaultLeaseSeconds"] = "3",
            ["TaskQueue:PushRegistryRefresh"] = "00:00:00.500",
        });
        _worker = await ServiceUnderTest<TaskWorkerOptions>.StartAsync("task-worker", _resources, new Dictionary<string, string?>
        {
            ["APP_ID"] = "task-worker",
            ["TaskWorker:WorkerKey"] = TaskQueueInstance.WorkerKey,
            ["TaskWorker:TaskTypes:0"] = Echo,
            ["TaskWorker:TaskTypes:1"] = Sleep,
            ["TaskWorker:TaskTypes:2"] = Fail,
        });
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _queue.DisposeAsync();
        _resources.Dispose();
    }

    [Fact]
    public async Task Pushed_tasks_succeed_fail_and_cancel_on_the_csharp_worker()
    {
        var client = _queue.Client;
        var echoed = await client.WaitForStatusAsync(await client.SubmitAsync(new { task_type = Echo, payload = new { hello = "dotnet" } }), "succeeded");
        Assert.Equal("csharp", echoed.GetProperty("result").GetProperty("worker").GetString());
        Assert.Equal("dotnet", echoed.GetProperty("result").GetProperty("echo").GetProperty("hello").GetString());

        var failed = await client.WaitForStatusAsync(await client.SubmitAsync(new { task_type = Fail, payload = 1, max_retries = 0 }), "dead_lettered");
        Assert.Contains("failing on purpose", failed.GetProperty("error").GetString());

        var sleeping = await client.SubmitAsync(new { task_type = Sleep, payload = new { ms = 120_000 } });
        var running = await client.WaitForStatusAsync(sleeping, "running");
        Assert.Equal("push:task-worker", running.GetProperty("worker_id").GetString());
        using var cancel = await client.PostAsync($"api/v1/tasks/{sleeping}/cancel", null);
        cancel.EnsureSuccessStatusCode();
        await client.WaitForStatusAsync(sleeping, "cancelled");
    }
}
