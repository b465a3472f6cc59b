using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>The batch APIs: many tasks submitted, leased and reported per call, each with its own status.</summary>
public sealed class BatchTests(TaskQueueFixture fixture) : IClassFixture<TaskQueueFixture>
{
    private HttpClient Client => fixture.Client;

    private static IEnumerable<object> Tasks(string type, int count) =>
        Enumerable.Range(0, count).Select(i => new { task = new { task_type = type, payload = i, priority = 1 + i % 10 } });

    [Fact]
    public async Task A_batch_is_submitted_leased_and_completed_in_a_few_calls_and_a_repeat_returns_the_same_tasks()
    {
        var type = TaskApi.NewType("batch");
        var key = Guid.NewGuid().ToString();
        var (status, created) = await Client.SubmitBatchAsync(Tasks(type, 50), key);
        Assert.Equal(HttpStatusCode.Created, status);
        var items = created.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.All(items, item => Assert.Equal((201, "ready"), (item.GetProperty("status").GetInt32(), item.GetProperty("task_status").GetString())));

        var (repeatStatus, repeated) = await Client.SubmitBatchAsync(Tasks(type, 50), key);
        Assert.Equal(HttpStatusCode.OK, repeatStatus);
        Assert.Equal(items.Select(item => item.GetProperty("id").GetString()), repeated.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.All(repeated.GetProperty("items").EnumerateArray(), item => Assert.Equal(200, item.GetProperty("status").GetInt32()));

        var first = await Client.LeaseManyAsync("w-batch", type, 20);
        Assert.Equal(20, first.Count);
        var priorities = first.Select(lease => lease.GetProperty("priority").GetInt32()).ToList();
        Assert.Equal(priorities.OrderDescending(), priorities);
        Assert.Equal(10, priorities[0]);
        var leases = first.Concat(await Client.LeaseAllAsync("w-batch", type, 30)).ToList();
        Assert.Equal(50, leases.Select(lease => lease.GetProperty("task_id").GetString()).Distinct().Count());
        Assert.Empty(await Client.LeaseManyAsync("w-batch", type, 10));

        var results = await Client.ReportManyAsync("w-batch", "complete", leases);
        Assert.All(results, result => Assert.Equal((200, "succeeded"), (result.GetProperty("status").GetInt32(), result.GetProperty("task_status").GetString())));
        var again = await Client.ReportManyAsync("w-batch", "complete", leases.Take(2));
        Assert.All(again, result => Assert.Equal(200, result.GetProperty("status").GetInt32()));
        Assert.Equal("succeeded", (await Client.GetTaskAsync(leases[7].GetProperty("task_id").GetString()!)).Status());
    }

    [Fact]
    public async Task Batched_leases_that_expire_are_redelivered_and_the_old_holders_reports_are_fenced_off_per_item()
    {
        var type = TaskApi.NewType("batch-expiry");
        await Client.SubmitBatchAsync(Tasks(type, 8));
        var stalled = await Client.LeaseAllAsync("w-stalled", type, 8, leaseSeconds: 1);

        // The stalled worker never reports: every lease expires and the tasks go to the next worker with newer tokens.
        var rescued = await Client.LeaseAllAsync("w-rescuer", type, 8);
        var oldTokens = stalled.ToDictionary(lease => lease.GetProperty("task_id").GetString()!, lease => lease.GetProperty("fencing_token").GetInt64());
        Assert.Equal(oldTokens.Keys.Order(), rescued.Select(lease => lease.GetProperty("task_id").GetString()!).Order());
        Assert.All(rescued, lease => Assert.Equal(oldTokens[lease.GetProperty("task_id").GetString()!] + 1, lease.GetProperty("fencing_token").GetInt64()));

        var fenced = await Client.ReportManyAsync("w-stalled", "complete", stalled);
        Assert.All(fenced, result => Assert.Equal((409, "Stale fencing token"), (result.GetProperty("status").GetInt32(), result.GetProperty("title").GetString())));
        var heartbeats = await Client.ReportManyAsync("w-rescuer", "heartbeat", rescued);
        Assert.All(heartbeats, result => Assert.Equal(200, result.GetProperty("status").GetInt32()));
        var failed = await Client.ReportManyAsync("w-rescuer", "fail", rescued.Take(3));
        Assert.All(failed, result => Assert.Equal("retry_waiting", result.GetProperty("task_status").GetString()));
    }

    [Fact]
    public async Task Batch_refusals_are_problems_and_unknown_tasks_get_a_404_item()
    {
        var type = TaskApi.NewType("batch-bad");
        using (var zero = await Client.PostAsync($"api/v1/workers/w/lease?types={type}&max=0", null))
        {
            await zero.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var empty = await Client.PostAsJsonAsync("api/v1/workers/w/complete/batch", new { reports = Array.Empty<object>() }))
        {
            await empty.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var invalid = await Client.PostAsJsonAsync("api/v1/tasks/batch", new { tasks = new object[] { new { task = new { task_type = type, payload = 1 } }, new { task = new { task_type = type } } } }))
        {
            var problem = await invalid.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("tasks[1].payload", out _));
        }
        var unknown = JsonDocument.Parse($$"""{"task_id":"{{TaskIds.New(type, 0)}}","fencing_token":1}""").RootElement;
        var result = Assert.Single(await Client.ReportManyAsync("w", "complete", [unknown]));
        Assert.Equal(404, result.GetProperty("status").GetInt32());
    }
}
