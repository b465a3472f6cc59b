using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>Calls of the task queue API as a client and as a pull worker (snake_case JSON).</summary>
public static class TaskApi
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static string NewType(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static async Task<JsonElement> CreateTaskAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tasks") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await client.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {json}");
        return json;
    }

    public static async Task<string> SubmitAsync(this HttpClient client, object body) => (await client.CreateTaskAsync(body)).GetProperty("id").GetString()!;

    public static async Task<JsonElement> GetTaskAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"api/v1/tasks/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string Status(this JsonElement task) => task.GetProperty("status").GetString()!;

    public static Task<JsonElement> WaitForStatusAsync(this HttpClient client, string id, string status, TimeSpan? timeout = null) =>
        Poll.UntilAsync(() => client.GetTaskAsync(id), task => task.Status() == status, timeout ?? Patience, $"task {id} to be {status}");

    /// <summary>One lease attempt; null when nothing is ready (204).</summary>
    public static async Task<JsonElement?> LeaseAsync(this HttpClient client, string workerId, string types, int? leaseSeconds = null)
    {
        var query = leaseSeconds is { } seconds ? $"&lease_seconds={seconds}" : "";
        using var response = await client.PostAsync($"api/v1/workers/{workerId}/lease?types={types}{query}", null);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {json}");
        return json;
    }

    /// <summary>Leases until a task of these types is ready.</summary>
    public static async Task<JsonElement> LeaseNextAsync(this HttpClient client, string workerId, string types, int? leaseSeconds = null) =>
        (await Poll.UntilAsync(() => client.LeaseAsync(workerId, types, leaseSeconds), lease => lease is not null, Patience, $"a lease of {types}"))!.Value;

    public static Task<HttpResponseMessage> ReportAsync(this HttpClient client, string workerId, string verb, JsonElement lease, object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["task_id"] = lease.GetProperty("task_id").GetString(),
            ["fencing_token"] = lease.GetProperty("fencing_token").GetInt64(),
        };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }
        return client.PostAsJsonAsync($"api/v1/workers/{workerId}/{verb}", body);
    }

    public static async Task<JsonElement> ReportOkAsync(this HttpClient client, string workerId, string verb, JsonElement lease, object? extra = null)
    {
        using var response = await client.ReportAsync(workerId, verb, lease, extra);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{verb}: {response.StatusCode}: {json}");
        return json;
    }

    /// <summary>POST /api/v1/tasks/batch; returns the status code and body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SubmitBatchAsync(this HttpClient client, IEnumerable<object> tasks, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tasks/batch") { Content = JsonContent.Create(new { tasks }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await client.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {json}");
        return (response.StatusCode, json);
    }

    /// <summary>One lease call with max: the tasks leased (empty on 204).</summary>
    public static async Task<List<JsonElement>> LeaseManyAsync(this HttpClient client, string workerId, string types, int max, int? leaseSeconds = null)
    {
        var query = leaseSeconds is { } seconds ? $"&lease_seconds={seconds}" : "";
        using var response = await client.PostAsync($"api/v1/workers/{workerId}/lease?types={types}&max={max}{query}", null);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {json}");
        return json.GetProperty("tasks").EnumerateArray().ToList();
    }

    /// <summary>Leases with max until <paramref name="count"/> tasks are in hand (polling while fewer are ready).</summary>
    public static async Task<List<JsonElement>> LeaseAllAsync(this HttpClient client, string workerId, string types, int count, int? leaseSeconds = null)
    {
        var leased = new List<JsonElement>();
        await Poll.UntilAsync(async () =>
        {
            leased.AddRange(await client.LeaseManyAsync(workerId, types, count - leased.Count, leaseSeconds));
            return leased.Count;
        }, n => n >= count, Patience, $"{count} leases of {types}");
        return leased;
    }

    /// <summary>POST …/{verb}/batch for these leases; returns the per-report results.</summary>
    public static async Task<List<JsonElement>> ReportManyAsync(this HttpClient client, string workerId, string verb, IEnumerable<JsonElement> leases)
    {
        var reports = leases.Select(lease => new { task_id = lease.GetProperty("task_id").GetString(), fencing_token = lease.GetProperty("fencing_token").GetInt64() });
        using var response = await client.PostAsJsonAsync($"api/v1/workers/{workerId}/{verb}/batch", new { reports });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{verb}/batch: {response.StatusCode}: {json}");
        return json.GetProperty("results").EnumerateArray().ToList();
    }
}
