namespace AmazonScale.Dashboard.Telemetry;

/// <summary>Spans grouped by trace id; once more than MaxTraces traces exist, the least recently started trace is dropped.</summary>
public sealed class TraceStore(TelemetryLimits limits)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TraceEntry> _traces = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _arrivalOrder = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _traces.Count;
            }
        }
    }

    public void Add(IEnumerable<SpanData> spans)
    {
        lock (_gate)
        {
            foreach (var span in spans)
            {
                if (!_traces.TryGetValue(span.TraceId, out var entry))
                {
                    entry = new TraceEntry();
                    _arrivalOrder.AddLast(span.TraceId);
                    _traces.Add(span.TraceId, entry);
                    EvictOverflow();
                }

                if (entry.Spans.Count < limits.MaxSpansPerTrace && entry.SpanIds.Add(span.SpanId))
                {
                    entry.Spans.Add(span);
                }
            }
        }
    }

    /// <summary>Newest traces first, optionally only those with a span from <paramref name="service"/>.</summary>
    public IReadOnlyList<TraceSummary> List(string? service, int limit)
    {
        var summaries = new List<TraceSummary>(Math.Min(limit, 256));
        lock (_gate)
        {
            for (var node = _arrivalOrder.Last; node is not null && summaries.Count < limit; node = node.Previous)
            {
                var spans = _traces[node.Value].Spans;
                if (service is null || spans.Exists(s => string.Equals(s.Service, service, StringComparison.OrdinalIgnoreCase)))
                {
                    summaries.Add(Summarize(node.Value, spans));
                }
            }
        }

        return summaries;
    }

    /// <summary>The trace's spans ordered by start time, or null when the trace is unknown (or evicted).</summary>
    public IReadOnlyList<SpanData>? Get(string traceId)
    {
        lock (_gate)
        {
            return _traces.TryGetValue(traceId.ToLowerInvariant(), out var entry)
                ? [.. entry.Spans.OrderBy(s => s.StartTime)]
                : null;
        }
    }

    private void EvictOverflow()
    {
        while (_traces.Count > limits.MaxTraces && _arrivalOrder.First is { } oldest)
        {
            _traces.Remove(oldest.Value);
            _arrivalOrder.RemoveFirst();
        }
    }

    private static TraceSummary Summarize(string traceId, List<SpanData> spans)
    {
        var spanIds = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var root = spans
            .Where(s => s.ParentSpanId is null || !spanIds.Contains(s.ParentSpanId))
            .MinBy(s => s.StartTime) ?? spans[0];
        var start = spans.Min(s => s.StartTime);
        var end = spans.Max(s => s.EndTime);
        return new TraceSummary(
            traceId,
            root.Name,
            root.Service,
            start,
            end - start,
            spans.Count,
            [.. spans.Select(s => s.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            spans.Exists(s => s.Status == SpanStatusCode.Error));
    }

    private sealed class TraceEntry
    {
        public List<SpanData> Spans { get; } = [];

        public HashSet<string> SpanIds { get; } = new(StringComparer.Ordinal);
    }
}
