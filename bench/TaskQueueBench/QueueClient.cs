using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AmazonScale.Bench.TaskQueue;

/// <summary>The task queue's HTTP API as a no-op worker and producer use it (the baseline server speaks the same subset).</summary>
public sealed class QueueClient : IDisposable
{
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromMilliseconds(20);
    private readonly HttpClient _http;

    /// <param name="workerKey">Sent as X-Worker-Key (the task queue's worker endpoints need one).</param>
    public QueueClient(Uri baseAddress, string workerKey)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseProxy = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
        _http.DefaultRequestHeaders.Add("X-Worker-Key", workerKey);
    }

    public async Task<string> SubmitAsync(object body) =>
        (await PostAsync("api/v1/tasks", body, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>POST /api/v1/tasks/batch of plain tasks; returns the ids in order.</summary>
    public async Task<List<string>> SubmitManyAsync(IEnumerable<object> tasks) =>
        (await PostAsync("api/v1/tasks/batch", new { tasks = tasks.Select(task => new { task }) }, HttpStatusCode.Created))
            .GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToList();

    public async Task<Dictionary<string, string>> SubmitBatchAsync(object body) =>
        (await PostAsync("api/v1/tasks/batch", body, HttpStatusCode.Created)).GetProperty("ids").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    /// <summary>One lease call: up to <paramref name="max"/> tasks (null = the single-task form), empty on 204.</summary>
    public async Task<List<JsonElement>> TryLeaseAsync(string workerId, string type, int? max = null)
    {
        using var response = await _http.PostAsync($"api/v1/workers/{workerId}/lease?types={type}{(max is { } n ? $"&max={n}" : "")}", null);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return max is null ? [json] : json.GetProperty("tasks").EnumerateArray().ToList();
    }

    /// <summary>Leases until <paramref name="count"/> tasks are in hand (backing off 1-20 ms while none is ready); throws at the deadline.</summary>
    public async Task<List<JsonElement>> LeaseAsync(string workerId, string type, int count, bool batch, TimeSpan patience)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        var leased = new List<JsonElement>();
        var wait = TimeSpan.FromMilliseconds(1);
        while (leased.Count < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"only {leased.Count} of {count} tasks became ready within {patience.TotalSeconds:0} s");
            }
            var got = await TryLeaseAsync(workerId, type, batch ? count - leased.Count : null);
            leased.AddRange(got);
            if (got.Count == 0)
            {
                await Task.Delay(wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxIdleWait.Ticks));
            }
        }
        return leased;
    }

    public async Task CompleteAsync(string workerId, JsonElement lease)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/workers/{workerId}/complete", Report(lease));
        response.EnsureSuccessStatusCode();
    }

    public async Task CompleteManyAsync(string workerId, IEnumerable<JsonElement> leases)
    {
        var results = await PostAsync($"api/v1/workers/{workerId}/complete/batch", new { reports = leases.Select(Report) }, HttpStatusCode.OK);
        if (results.GetProperty("results").EnumerateArray().FirstOrDefault(result => result.GetProperty("status").GetInt32() != 200) is { ValueKind: JsonValueKind.Object } refused)
        {
            throw new InvalidOperationException($"a completion was refused: {refused}");
        }
    }

    private static object Report(JsonElement lease) =>
        new { task_id = lease.GetProperty("task_id").GetString(), fencing_token = lease.GetProperty("fencing_token").GetInt64() };

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.StatusCode == expected ? json : throw new InvalidOperationException($"{path} answered {response.StatusCode}: {json}");
    }

    public void Dispose() => _http.Dispose();
}
