using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AmazonScale.Bench.TaskQueue;

/// <summary>The task queue's HTTP API as a no-op worker and producer use it (the baseline server speaks the same subset).</summary>
public sealed class QueueClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseProxy = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };

    public async Task<string> SubmitAsync(object body)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/tasks", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"submit answered {response.StatusCode}: {json}");
        }
        return json.GetProperty("id").GetString()!;
    }

    public async Task<Dictionary<string, string>> SubmitBatchAsync(object body)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/tasks/batch", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"batch answered {response.StatusCode}: {json}");
        }
        return json.GetProperty("ids").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    /// <summary>One lease attempt: the leased task, or null (204).</summary>
    public async Task<JsonElement?> TryLeaseAsync(string workerId, string type)
    {
        using var response = await _http.PostAsync($"api/v1/workers/{workerId}/lease?types={type}", null);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Leases until something is ready (backing off 1-20 ms), or null at the deadline.</summary>
    public async Task<JsonElement?> LeaseAsync(string workerId, string type, TimeSpan patience)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        var wait = 1;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (await TryLeaseAsync(workerId, type) is { } lease)
            {
                return lease;
            }
            await Task.Delay(wait);
            wait = Math.Min(wait * 2, 20);
        }
        return null;
    }

    public async Task CompleteAsync(string workerId, JsonElement lease)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/workers/{workerId}/complete", new
        {
            task_id = lease.GetProperty("task_id").GetString(),
            fencing_token = lease.GetProperty("fencing_token").GetInt64(),
        });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
