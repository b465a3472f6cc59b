using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AmazonScale.Bench.FlashSale;

/// <summary>Latency histogram and status-code counts per endpoint, shared by all simulated customers.</summary>
public sealed class EndpointStats
{
    private readonly ConcurrentDictionary<string, (LatencyHistogram Latency, ConcurrentDictionary<int, int> Codes)> _endpoints = new();

    public long Requests => _endpoints.Values.Sum(endpoint => endpoint.Codes.Values.Sum());

    public int Count(string endpoint, int status) => _endpoints.TryGetValue(endpoint, out var entry) ? entry.Codes.GetValueOrDefault(status) : 0;

    /// <summary>Sends the request and records how long it took under <paramref name="endpoint"/>.</summary>
    public async Task<HttpResponseMessage> TimeAsync(string endpoint, Func<Task<HttpResponseMessage>> send)
    {
        var start = Stopwatch.GetTimestamp();
        var response = await send();
        var micros = (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        var entry = _endpoints.GetOrAdd(endpoint, _ => (new LatencyHistogram(), new ConcurrentDictionary<int, int>()));
        lock (entry.Latency)
        {
            entry.Latency.RecordMicroseconds(micros);
        }
        entry.Codes.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
        return response;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| endpoint | requests | p50 ms | p99 ms | status codes |");
        text.AppendLine("|---|---:|---:|---:|---|");
        foreach (var (name, (latency, codes)) in _endpoints.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", codes.OrderBy(code => code.Key).Select(code => $"{code.Key}×{code.Value}"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {latency.Count} | {latency.PercentileMicroseconds(50) / 1000:0.0} | {latency.PercentileMicroseconds(99) / 1000:0.0} | {statuses} |"));
        }
        return text.ToString();
    }
}
