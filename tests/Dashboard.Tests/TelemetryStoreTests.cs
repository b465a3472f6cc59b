using AmazonScale.Dashboard.Telemetry;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Dashboard.Tests;

public sealed class TelemetryStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> NoAttributes = [];

    [Fact]
    public void Oldest_traces_are_evicted_beyond_the_trace_limit()
    {
        var store = new TraceStore(new TelemetryLimits { MaxTraces = 3 });

        for (var i = 0; i < 5; i++)
        {
            store.Add([Span($"trace{i}", "a", null)]);
        }

        Assert.Equal(3, store.Count);
        Assert.Null(store.Get("trace0"));
        Assert.Null(store.Get("trace1"));
        Assert.Equal(["trace4", "trace3", "trace2"], store.List(service: null, limit: 10).Select(t => t.TraceId));
    }

    [Fact]
    public void Spans_per_trace_are_capped_and_duplicates_ignored()
    {
        var store = new TraceStore(new TelemetryLimits { MaxSpansPerTrace = 2 });

        store.Add([Span("t", "a", null), Span("t", "a", null), Span("t", "b", "a"), Span("t", "c", "a")]);

        Assert.Equal(["a", "b"], store.Get("t")!.Select(s => s.SpanId));
    }

    [Fact]
    public void Trace_summary_names_the_root_and_lists_services()
    {
        var store = new TraceStore(new TelemetryLimits());
        store.Add([
            Span("t", "child", "root", service: "orders-dapr", offsetMs: 5, durationMs: 10, status: SpanStatusCode.Error),
            Span("t", "root", null, service: "orders", offsetMs: 0, durationMs: 30),
        ]);

        var summary = Assert.Single(store.List("ORDERS-DAPR", 10));

        Assert.Equal(("root-name", "orders", 2), (summary.RootName, summary.RootService, summary.SpanCount));
        Assert.Equal(["orders", "orders-dapr"], summary.Services);
        Assert.Equal(TimeSpan.FromMilliseconds(30), summary.Duration);
        Assert.True(summary.HasError);
        Assert.Empty(store.List("billing", 10));
    }

    [Fact]
    public void Log_store_keeps_the_newest_records_and_sequences_keep_growing()
    {
        var store = new LogStore(new TelemetryLimits { MaxLogRecords = 3 });

        store.Add(Enumerable.Range(1, 5).Select(i => Log($"message {i}")));

        Assert.Equal(3, store.Count);
        var entries = store.Query(new LogQuery());
        Assert.Equal(["message 3", "message 4", "message 5"], entries.Select(e => e.Message));
        Assert.Equal([3L, 4L, 5L], entries.Select(e => e.Sequence));
        Assert.Equal(["message 5"], store.Query(new LogQuery(AfterSequence: 4)).Select(e => e.Message));
    }

    [Fact]
    public void Log_query_filters_by_service_minimum_level_text_and_limit()
    {
        var store = new LogStore(new TelemetryLimits());
        store.Add([
            Log("cart emptied", service: "cart", level: LogLevel.Information),
            Log("payment failed", service: "orders", level: LogLevel.Error),
            Log("retrying", service: "orders", level: LogLevel.Warning, attributes: new() { ["reason"] = "Timeout" }),
            Log("tick", service: "orders", level: LogLevel.Debug),
        ]);

        Assert.Equal(["payment failed", "retrying"], store.Query(new LogQuery(Service: "orders", MinimumLevel: LogLevel.Warning)).Select(e => e.Message));
        Assert.Equal(["retrying"], store.Query(new LogQuery(Text: "timeout")).Select(e => e.Message));
        Assert.Equal(["retrying", "tick"], store.Query(new LogQuery(Service: "orders", Limit: 2)).Select(e => e.Message));
    }

    [Fact]
    public void Metric_points_are_bounded_per_instrument_and_instruments_per_service()
    {
        var store = new MetricStore(new TelemetryLimits { MaxPointsPerInstrument = 2, MaxInstrumentsPerResource = 1 });

        store.Add([Metric("requests", 1, 2, 3), Metric("ignored", 9)]);

        var instrument = Assert.Single(store.Instruments("svc")!);
        Assert.Equal(("requests", 2), (instrument.Name, instrument.PointCount));
        Assert.Equal([2d, 3d], store.Instrument("svc", "meter", "requests")!.Value.Points.Select(p => p.Value));
        Assert.Null(store.Instrument("svc", "meter", "ignored"));
        Assert.Null(store.Instruments("other"));
    }

    [Fact]
    public void Percentiles_interpolate_inside_the_bucket_and_respect_min_and_max()
    {
        HistogramBucket[] buckets = [new(10, 2), new(20, 2), new(null, 0)];

        Assert.Equal(10, HistogramPercentile.Estimate(buckets, 0.5, min: 0, max: 20));
        Assert.Equal(15, HistogramPercentile.Estimate(buckets, 0.75, min: 0, max: 20));
        Assert.Equal(5, HistogramPercentile.Estimate(buckets, 0.25, min: 0, max: 20));
        Assert.Equal(12, HistogramPercentile.Estimate([new(10, 0), new(null, 4)], 1, min: 11, max: 12));
        Assert.Null(HistogramPercentile.Estimate([new(null, 0)], 0.5, null, null));
    }

    [Fact]
    public void Cumulative_histogram_intervals_are_differences_per_series_and_restart_after_a_reset()
    {
        MetricPoint Point(string instance, params ulong[] counts) =>
            new(T0, instance, NoAttributes, null, null, null, null, null, [new HistogramBucket(10, counts[0]), new HistogramBucket(null, counts[1])], null);
        MetricPoint[] points = [Point("a", 2, 1), Point("b", 5, 5), Point("a", 3, 4), Point("a", 1, 0)];

        var intervals = HistogramIntervals.Compute(points, AggregationTemporality.Cumulative);

        Assert.Equal([2UL, 1UL], intervals[0]!.Select(b => b.Count));
        Assert.Equal([5UL, 5UL], intervals[1]!.Select(b => b.Count));
        Assert.Equal([1UL, 3UL], intervals[2]!.Select(b => b.Count));
        Assert.Equal([1UL, 0UL], intervals[3]!.Select(b => b.Count));
        Assert.Equal([3UL, 4UL], HistogramIntervals.Compute(points, AggregationTemporality.Delta)[2]!.Select(b => b.Count));
    }

    [Fact]
    public void Ring_buffer_overwrites_the_oldest_item()
    {
        var ring = new RingBuffer<int>(3);

        foreach (var i in Enumerable.Range(1, 5))
        {
            ring.Add(i);
        }

        Assert.Equal(3, ring.Count);
        Assert.Equal([5, 4, 3], ring.NewestFirst());
    }

    private static SpanData Span(
        string traceId, string spanId, string? parent, string service = "svc", double offsetMs = 0, double durationMs = 1, SpanStatusCode status = SpanStatusCode.Unset) =>
        new(traceId, spanId, parent, $"{spanId}-name", SpanKind.Internal, T0.AddMilliseconds(offsetMs), T0.AddMilliseconds(offsetMs + durationMs),
            status, null, service, null, "scope", NoAttributes, [], []);

    private static LogEntry Log(string message, string service = "svc", LogLevel level = LogLevel.Information, Dictionary<string, string>? attributes = null) =>
        new(0, T0, level, null, message, service, null, "category", null, null, null, attributes ?? NoAttributes);

    private static MetricData Metric(string name, params double[] values) =>
        new("svc", "meter", name, "", "", InstrumentKind.Gauge, false, AggregationTemporality.Unspecified,
            [.. values.Select(v => new MetricPoint(T0, null, NoAttributes, v, null, null, null, null, null, null))]);
}
