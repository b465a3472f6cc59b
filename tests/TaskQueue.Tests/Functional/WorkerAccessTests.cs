using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.TaskQueue.Workers;
using AmazonScale.TestSupport;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>Worker keys (401 / 403) and worker pools (degraded below min, 429 above max).</summary>
public sealed class WorkerAccessTests(TaskQueueFixture fixture) : IClassFixture<TaskQueueFixture>
{
    private HttpClient Client => fixture.Client;

    private static HttpRequestMessage Lease(string workerId, string types, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/workers/{workerId}/lease?types={types}");
        if (key is not null)
        {
            request.Headers.Add(WorkerKeys.HeaderName, key);
        }
        return request;
    }

    private async Task<JsonElement> LeaseUntilOkAsync(string workerId, string types, string key) =>
        (await Poll.UntilAsync(async () =>
        {
            using var response = await fixture.Service.AnonymousClient.SendAsync(Lease(workerId, types, key));
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, lease => lease is not null, TaskApi.Patience, $"a lease of {types} by {workerId}"))!.Value;

    private async Task<HttpStatusCode> LeaseStatusAsync(string workerId, string types, string? key)
    {
        using var response = await fixture.Service.AnonymousClient.SendAsync(Lease(workerId, types, key));
        return response.StatusCode;
    }

    [Fact]
    public async Task Worker_endpoints_need_a_key_and_a_scoped_key_serves_only_its_types()
    {
        var type = TaskApi.NewType("auth");
        var other = TaskApi.NewType("auth-other");
        var anonymous = fixture.Service.AnonymousClient;
        using (var missing = await anonymous.SendAsync(Lease("w-auth", type, key: null)))
        {
            await missing.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using (var wrong = await anonymous.SendAsync(Lease("w-auth", type, "tqw_0123456789abcdef_not-the-secret")))
        {
            await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using (var complete = await anonymous.PostAsJsonAsync("api/v1/workers/w-auth/complete/batch", new { reports = new[] { new { task_id = "x", fencing_token = 1 } } }))
        {
            await complete.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using (var push = await anonymous.PostAsJsonAsync("api/v1/workers/push", new { app_id = "intruder", task_types = new[] { type } }))
        {
            await push.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using (var notAdmin = await Client.PostAsJsonAsync("api/v1/workers/keys", new { name = "sneaky" }))
        {
            await notAdmin.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var admin = fixture.Service.AdminClient();
        using var created = await admin.PostAsJsonAsync("api/v1/workers/keys", new { name = "scoped", task_types = new[] { type } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = key.GetProperty("key").GetString()!;
        var keyId = key.GetProperty("key_id").GetString()!;
        var listed = await admin.GetFromJsonAsync<JsonElement>("api/v1/workers/keys");
        Assert.DoesNotContain(secret, listed.GetRawText());

        var id = await Client.SubmitAsync(new { task_type = type, payload = 1 });
        var leased = await LeaseUntilOkAsync("w-scoped", type, secret);
        Assert.Equal(id, leased.GetProperty("task_id").GetString());
        using (var forbidden = await anonymous.SendAsync(Lease("w-scoped", $"{type},{other}", secret)))
        {
            await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        using (var revoke = await admin.DeleteAsync($"api/v1/workers/keys/{keyId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await LeaseStatusAsync("w-scoped", type, secret));
    }

    [Fact]
    public async Task A_pool_below_its_minimum_is_degraded_and_a_full_pool_refuses_new_workers()
    {
        var type = TaskApi.NewType("pool");
        var admin = fixture.Service.AdminClient();
        using (var bad = await admin.PutAsJsonAsync($"api/v1/workers/pools/{type}", new { min_workers = 3, max_workers = 2 }))
        {
            await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var set = await admin.PutAsJsonAsync($"api/v1/workers/pools/{type}", new { min_workers = 2, max_workers = 2 }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }
        Assert.Equal("degraded", (await PoolAsync(type)).GetProperty("status").GetString());
        Assert.Contains(type, (await Client.GetFromJsonAsync<JsonElement>("api/v1/workers")).GetProperty("degraded_pools").EnumerateArray().Select(t => t.GetString()));

        Assert.Null(await Client.LeaseAsync("pool-w1", type));
        Assert.Equal("degraded", (await PoolAsync(type)).GetProperty("status").GetString());
        Assert.Null(await Client.LeaseAsync("pool-w2", type));
        var full = await PoolAsync(type);
        Assert.Equal(("full", 2), (full.GetProperty("status").GetString(), full.GetProperty("workers").GetInt32()));

        using (var refused = await Client.PostAsync($"api/v1/workers/pool-w3/lease?types={type}", null))
        {
            await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        await Client.SubmitAsync(new { task_type = type, payload = 1 });
        var lease = await Client.LeaseNextAsync("pool-w1", type);
        await Client.ReportOkAsync("pool-w1", "complete", lease);

        await Client.SubmitAsync(new { task_type = type, payload = 2 });
        var stats = await Client.GetFromJsonAsync<JsonElement>("api/v1/queues/stats");
        var queue = stats.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("task_type").GetString() == type);
        Assert.Equal("full", queue.GetProperty("pool").GetProperty("status").GetString());

        using (var removed = await admin.DeleteAsync($"api/v1/workers/pools/{type}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }
        // Polls: 429 until this instance no longer knows the pool, then 200 once the task is ready.
        var admitted = await LeaseUntilOkAsync("pool-w3", type, TaskQueueInstance.WorkerKey);
        Assert.Equal(2, admitted.GetProperty("payload").GetInt32());
    }

    private async Task<JsonElement> PoolAsync(string type) =>
        (await Client.GetFromJsonAsync<JsonElement>("api/v1/workers")).GetProperty("pools").EnumerateArray().Single(pool => pool.GetProperty("task_type").GetString() == type);
}
