using System.Text.Json.Nodes;
using AmazonScale.Dashboard.Telemetry;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>ExportMetricsServiceRequest (OTLP JSON shape) → <see cref="MetricData"/>; metrics without data are skipped.</summary>
internal static class MetricMapper
{
    private static readonly (string Field, InstrumentKind Kind)[] DataFields =
    [
        ("gauge", InstrumentKind.Gauge),
        ("sum", InstrumentKind.Sum),
        ("histogram", InstrumentKind.Histogram),
        ("exponentialHistogram", InstrumentKind.ExponentialHistogram),
        ("summary", InstrumentKind.Summary),
    ];

    public static IReadOnlyList<MetricData> Map(JsonObject request) =>
        [.. OtlpJson.SelectItems(request, "resourceMetrics", "scopeMetrics", "metrics", MapMetric).OfType<MetricData>()];

    private static MetricData? MapMetric(JsonObject metric, TelemetryResource resource, string meter)
    {
        foreach (var (field, kind) in DataFields)
        {
            if (OtlpJson.Object(metric, field) is not { } data)
            {
                continue;
            }

            var temporality = OtlpJson.Int64(data, "aggregationTemporality") is { } value && Enum.IsDefined(typeof(AggregationTemporality), (int)value)
                ? (AggregationTemporality)value
                : AggregationTemporality.Unspecified;
            return new MetricData(
                resource.ServiceName,
                meter,
                OtlpJson.String(metric, "name") ?? throw new OtlpFormatException("A metric has no name."),
                OtlpJson.String(metric, "description") ?? "",
                OtlpJson.String(metric, "unit") ?? "",
                kind,
                OtlpJson.Bool(data, "isMonotonic"),
                temporality,
                [.. OtlpJson.Objects(data, "dataPoints").Select(point => MapPoint(kind, point, resource.InstanceId))]);
        }

        return null;
    }

    private static MetricPoint MapPoint(InstrumentKind kind, JsonObject point, string? instanceId)
    {
        var common = new MetricPoint(
            OtlpJson.Time(point, "timeUnixNano") ?? throw new OtlpFormatException("A data point has no timeUnixNano."),
            instanceId,
            OtlpJson.Attributes(point),
            Value: null,
            Count: null,
            Sum: OtlpJson.Double(point, "sum"),
            Min: OtlpJson.Double(point, "min"),
            Max: OtlpJson.Double(point, "max"),
            Buckets: null,
            Quantiles: null);
        var count = OtlpJson.Int64(point, "count") is { } total ? Count(total) : (ulong?)null;
        return kind switch
        {
            InstrumentKind.Gauge or InstrumentKind.Sum => common with
            {
                Value = OtlpJson.Double(point, "asDouble") ?? OtlpJson.Int64(point, "asInt"),
            },
            InstrumentKind.Histogram => common with { Count = count ?? 0, Buckets = ExplicitBuckets(point) },
            InstrumentKind.ExponentialHistogram => common with { Count = count ?? 0, Buckets = ExponentialBuckets(point) },
            _ => common with
            {
                Count = count ?? 0,
                Quantiles = [.. OtlpJson.Objects(point, "quantileValues").Select(q =>
                    new QuantileValue(OtlpJson.Double(q, "quantile") ?? 0, OtlpJson.Double(q, "value") ?? 0))],
            },
        };
    }

    private static IReadOnlyList<HistogramBucket>? ExplicitBuckets(JsonObject point)
    {
        var counts = OtlpJson.Int64Array(point, "bucketCounts");
        var bounds = OtlpJson.DoubleArray(point, "explicitBounds");
        if (counts.Count == 0)
        {
            return null;
        }

        if (counts.Count != bounds.Count + 1)
        {
            throw new OtlpFormatException("A histogram point needs exactly one more bucketCounts entry than explicitBounds.");
        }

        return [.. counts.Select((count, i) => new HistogramBucket(i < bounds.Count ? bounds[i] : null, Count(count)))];
    }

    /// <summary>
    /// Bucket i of scale s covers (base^i, base^(i+1)] with base = 2^(2^-s); negative buckets mirror that below zero.
    /// Converting to upper bounds lets both histogram kinds share the percentile estimate and the chart.
    /// </summary>
    private static IReadOnlyList<HistogramBucket> ExponentialBuckets(JsonObject point)
    {
        var scale = OtlpJson.Int64(point, "scale") ?? 0;
        if (scale is < -10 or > 20)
        {
            throw new OtlpFormatException("An exponential histogram scale must be between -10 and 20.");
        }

        double Boundary(long index) => Math.Pow(2, index * Math.Pow(2, -scale));
        var buckets = new List<HistogramBucket>();
        if (OtlpJson.Object(point, "negative") is { } negative)
        {
            var offset = OtlpJson.Int64(negative, "offset") ?? 0;
            var counts = OtlpJson.Int64Array(negative, "bucketCounts");
            for (var i = counts.Count - 1; i >= 0; i--)
            {
                buckets.Add(new HistogramBucket(-Boundary(offset + i), Count(counts[i])));
            }
        }

        buckets.Add(new HistogramBucket(OtlpJson.Double(point, "zeroThreshold") ?? 0, Count(OtlpJson.Int64(point, "zeroCount") ?? 0)));
        if (OtlpJson.Object(point, "positive") is { } positive)
        {
            var offset = OtlpJson.Int64(positive, "offset") ?? 0;
            var counts = OtlpJson.Int64Array(positive, "bucketCounts");
            buckets.AddRange(counts.Select((count, i) => new HistogramBucket(Boundary(offset + i + 1), Count(count))));
        }

        return buckets;
    }

    // Counts are unsigned on the wire; a negative JSON value (or a fixed64 above 2^63) is not a real count.
    private static ulong Count(long value) =>
        value >= 0 ? (ulong)value : throw new OtlpFormatException("Counts must not be negative.");
}
