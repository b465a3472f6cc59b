using System.Collections.Concurrent;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>
/// Two task-queue instances behind their own sidecars over one state store: placement spreads task and queue actors
/// over both, workers lease through either, and every task still runs exactly once.
/// </summary>
public sealed class TwoInstanceTests
{
    private const int Tasks = 60;

    [Fact]
    public async Task Two_instances_share_the_work_and_each_task_runs_once()
    {
        using var resources = TaskQueueInstance.NewResources();
        await using var first = await TaskQueueInstance.StartAsync(resources);
        await using var second = await TaskQueueInstance.StartAsync(resources);
        HttpClient[] instances = [first.Client, second.Client];
        var type = TaskApi.NewType("shared");

        var ids = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(i => instances[i % 2].SubmitAsync(new { task_type = type, payload = i, priority = 1 + i % 10 })));
        var leases = new ConcurrentBag<(string TaskId, int Instance)>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            var instance = worker % 2;
            while (leases.Count < Tasks)
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {leases.Count} of {Tasks} tasks were leased within 60 s");
                if (await instances[instance].LeaseAsync($"w{worker}", type) is not { } lease)
                {
                    await Task.Delay(20);
                    continue;
                }
                leases.Add((lease.GetProperty("task_id").GetString()!, instance));
                // Report through the other instance: any instance reaches any task.
                await instances[1 - instance].ReportOkAsync($"w{worker}", "complete", lease);
            }
        }));

        Assert.Equal(ids.Order(), leases.Select(lease => lease.TaskId).Order());
        Assert.Equal([0, 1], leases.Select(lease => lease.Instance).Distinct().Order());
        foreach (var id in ids)
        {
            Assert.Equal("succeeded", (await instances[1].GetTaskAsync(id)).Status());
        }
    }
}
