using System.Collections.Concurrent;

namespace AmazonScale.Dashboard.Telemetry;

/// <summary>Everything the OTLP receiver accepted, bounded by <see cref="TelemetryLimits"/>; shared by the receiver and the UI.</summary>
public sealed class TelemetryStore(TelemetryLimits limits)
{
    private readonly ConcurrentDictionary<string, bool> _services = new(StringComparer.OrdinalIgnoreCase);

    public TraceStore Traces { get; } = new(limits);

    public LogStore Logs { get; } = new(limits);

    public MetricStore Metrics { get; } = new(limits);

    /// <summary>Every service.name that sent any signal, for the UI's filters.</summary>
    public IReadOnlyList<string> Services() => [.. _services.Keys.Order(StringComparer.Ordinal)];

    public void AddSpans(IReadOnlyList<SpanData> spans)
    {
        Remember(spans.Select(s => s.Service));
        Traces.Add(spans);
    }

    public void AddLogs(IReadOnlyList<LogEntry> entries)
    {
        Remember(entries.Select(e => e.Service));
        Logs.Add(entries);
    }

    public void AddMetrics(IReadOnlyList<MetricData> metrics)
    {
        Remember(metrics.Select(m => m.Service));
        Metrics.Add(metrics);
    }

    private void Remember(IEnumerable<string> services)
    {
        foreach (var service in services)
        {
            _services.TryAdd(service, true);
        }
    }
}
