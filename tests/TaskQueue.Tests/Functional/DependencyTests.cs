using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>Dependency DAGs, run by the dependency workflow of each task (platform/Orchestrations).</summary>
public sealed class DependencyTests(TaskQueueFixture fixture) : IClassFixture<TaskQueueFixture>
{
    private HttpClient Client => fixture.Client;

    private async Task<Dictionary<string, string>> SubmitBatchAsync(params object[] tasks)
    {
        using var response = await Client.PostAsJsonAsync("api/v1/tasks/batch", new { tasks });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {json}");
        return json.GetProperty("ids").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static object Node(string reference, string type, object? extra = null, params string[] dependencies) => new
    {
        @ref = reference,
        task = new Dictionary<string, object?>
        {
            ["task_type"] = type,
            ["payload"] = reference,
            ["max_retries"] = 0,
            ["dependencies"] = dependencies,
            ["dependency_failure"] = extra as string ?? "fail",
        },
    };

    private async Task<string> RunOneAsync(string type, string worker)
    {
        var lease = await Client.LeaseNextAsync(worker, type);
        await Client.ReportOkAsync(worker, "complete", lease);
        return lease.GetProperty("payload").GetString()!;
    }

    [Fact]
    public async Task A_diamond_runs_each_task_after_all_of_its_dependencies()
    {
        var type = TaskApi.NewType("diamond");
        var ids = await SubmitBatchAsync(
            Node("d", type, null, "b", "c"),
            Node("b", type, null, "a"),
            Node("c", type, null, "a"),
            Node("a", type));
        Assert.Equal("blocked", (await Client.GetTaskAsync(ids["d"])).Status());

        Assert.Equal("a", await RunOneAsync(type, "w-dag"));
        var middle = new[] { await RunOneAsync(type, "w-dag"), await RunOneAsync(type, "w-dag") };
        Assert.Equal(["b", "c"], middle.Order());
        Assert.Equal("d", await RunOneAsync(type, "w-dag"));
        await Client.WaitForStatusAsync(ids["d"], "succeeded");
    }

    [Fact]
    public async Task A_failed_dependency_fails_or_skips_its_dependants_down_the_graph()
    {
        var type = TaskApi.NewType("propagate");
        var ids = await SubmitBatchAsync(
            Node("root", type),
            Node("fails", type, "fail", "root"),
            Node("skips", type, "skip", "root"),
            Node("grandchild", type, "fail", "fails"));

        var lease = await Client.LeaseNextAsync("w-prop", type);
        await Client.ReportOkAsync("w-prop", "fail", lease, new { error = "root broke" });

        await Client.WaitForStatusAsync(ids["root"], "dead_lettered");
        var failed = await Client.WaitForStatusAsync(ids["fails"], "failed");
        Assert.Contains(ids["root"], failed.GetProperty("error").GetString());
        await Client.WaitForStatusAsync(ids["skips"], "skipped");
        await Client.WaitForStatusAsync(ids["grandchild"], "failed");
        Assert.Null(await Client.LeaseAsync("w-prop", type));
    }

    [Fact]
    public async Task A_task_added_after_its_dependency_succeeded_runs_at_once()
    {
        var type = TaskApi.NewType("late");
        var first = await Client.SubmitAsync(new { task_type = type, payload = "first" });
        await RunOneAsync(type, "w-late");
        await Client.WaitForStatusAsync(first, "succeeded");

        var second = await Client.SubmitAsync(new { task_type = type, payload = "second", dependencies = new[] { first } });
        Assert.Equal("second", await RunOneAsync(type, "w-late"));
        await Client.WaitForStatusAsync(second, "succeeded");
    }

    [Fact]
    public async Task Cancelling_a_blocked_task_never_runs_it_and_fails_its_dependants()
    {
        var type = TaskApi.NewType("cancel-blocked");
        var ids = await SubmitBatchAsync(Node("first", type), Node("blocked", type, null, "first"), Node("after", type, null, "blocked"));
        using var cancel = await Client.PostAsync($"api/v1/tasks/{ids["blocked"]}/cancel", null);
        cancel.EnsureSuccessStatusCode();
        await Client.WaitForStatusAsync(ids["after"], "failed");

        Assert.Equal("first", await RunOneAsync(type, "w-cb"));
        await Client.WaitForStatusAsync(ids["first"], "succeeded");
        Assert.Equal("cancelled", (await Client.GetTaskAsync(ids["blocked"])).Status());
        Assert.Null(await Client.LeaseAsync("w-cb", type));
    }

    [Fact]
    public async Task Cycles_and_unknown_dependencies_are_rejected_with_422()
    {
        var type = TaskApi.NewType("cycle");
        using (var cycle = await Client.PostAsJsonAsync("api/v1/tasks/batch", new { tasks = new[] { Node("x", type, null, "z"), Node("y", type, null, "x"), Node("z", type, null, "y") } }))
        {
            var problem = await cycle.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Contains("cycle", problem.GetProperty("detail").GetString());
        }
        using (var self = await Client.PostAsJsonAsync("api/v1/tasks/batch", new { tasks = new[] { Node("s", type, null, "s") } }))
        {
            await self.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        }
        using var unknown = await Client.PostAsJsonAsync("api/v1/tasks", new { task_type = type, payload = 1, dependencies = new[] { "tqqqqqqqqqqqqqqqqqqqqqqqqqq" } });
        await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Null(await Client.LeaseAsync("w-cycle", type));
    }
}
