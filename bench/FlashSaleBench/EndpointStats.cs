using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AmazonScale.Bench.FlashSale;

/// <summary>
/// Latency histogram and status-code counts per endpoint, shared by all simulated customers; also one histogram per
/// endpoint and <see cref="Window"/> since creation, which shows whether a tail belongs to a moment (the start of a
/// sale, a pause) or to the whole run.
/// </summary>
public sealed class EndpointStats
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (LatencyHistogram Latency, ConcurrentDictionary<int, int> Codes)> _endpoints = new();
    private readonly ConcurrentDictionary<(string Endpoint, int Window), LatencyHistogram> _windows = new();
    private readonly long _createdAt = Stopwatch.GetTimestamp();

    public long Requests => _endpoints.Values.Sum(endpoint => endpoint.Codes.Values.Sum());

    public IEnumerable<string> Endpoints => _endpoints.Keys.Order(StringComparer.Ordinal);

    public int Count(string endpoint, int status) => _endpoints.TryGetValue(endpoint, out var entry) ? entry.Codes.GetValueOrDefault(status) : 0;

    /// <summary>
    /// Sends the request and records under <paramref name="endpoint"/> how long it took from <paramref name="due"/> (a
    /// Stopwatch timestamp: when the client meant to send it, so a late send counts its wait), or else from now.
    /// </summary>
    public async Task<HttpResponseMessage> TimeAsync(string endpoint, Func<Task<HttpResponseMessage>> send, long? due = null)
    {
        var start = due ?? Stopwatch.GetTimestamp();
        var response = await send();
        var micros = (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        var entry = _endpoints.GetOrAdd(endpoint, _ => (new LatencyHistogram(), new ConcurrentDictionary<int, int>()));
        lock (entry.Latency)
        {
            entry.Latency.RecordMicroseconds(micros);
        }
        var window = _windows.GetOrAdd((endpoint, (int)(Stopwatch.GetElapsedTime(_createdAt) / Window)), _ => new LatencyHistogram());
        lock (window)
        {
            window.RecordMicroseconds(micros);
        }
        entry.Codes.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
        return response;
    }

    /// <summary>One row per endpoint with a column per percentile (e.g. 50, 99).</summary>
    public string ToMarkdown(params double[] percentiles)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Concat("| endpoint | requests | ", string.Concat(percentiles.Select(p => string.Create(CultureInfo.InvariantCulture, $"p{p} ms | "))), "status codes |"));
        text.AppendLine(string.Concat("|---|---:|", string.Concat(percentiles.Select(_ => "---:|")), "---|"));
        foreach (var (name, (latency, codes)) in _endpoints.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", codes.OrderBy(code => code.Key).Select(code => $"{code.Key}×{code.Value}"));
            var columns = string.Concat(percentiles.Select(p => string.Create(CultureInfo.InvariantCulture, $"{latency.PercentileMicroseconds(p) / 1000:0.0} | ")));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {latency.Count} | {columns}{statuses} |"));
        }
        return text.ToString();
    }

    /// <summary>The endpoint's <paramref name="percentile"/> in each window with requests, in order ("—" for a window without).</summary>
    public string PerWindow(string endpoint, double percentile)
    {
        var windows = _windows.Where(entry => entry.Key.Endpoint == endpoint).ToDictionary(entry => entry.Key.Window, entry => entry.Value);
        if (windows.Count == 0)
        {
            return "";
        }
        return string.Join(" ", Enumerable.Range(0, windows.Keys.Max() + 1).Select(window => windows.TryGetValue(window, out var latency)
            ? string.Create(CultureInfo.InvariantCulture, $"{latency.PercentileMicroseconds(percentile) / 1000:0}")
            : "—"));
    }
}
