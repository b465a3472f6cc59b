namespace AmazonScale.Dashboard.Telemetry;

public enum InstrumentKind
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}

/// <summary>Numeric values match OTLP's AggregationTemporality.</summary>
public enum AggregationTemporality
{
    Unspecified = 0,
    Delta = 1,
    Cumulative = 2,
}

/// <summary>A histogram bucket: the count of values at or below <see cref="UpperBound"/> (null = +Infinity) and above the previous bound.</summary>
public sealed record HistogramBucket(double? UpperBound, ulong Count);

public sealed record QuantileValue(double Quantile, double Value);

/// <summary>
/// One data point of any OTLP point type: Gauge/Sum set Value; histograms set Count, Sum, Min, Max and Buckets
/// (exponential buckets are converted to explicit upper bounds); Summary sets Count, Sum and Quantiles.
/// </summary>
public sealed record MetricPoint(
    DateTimeOffset Time,
    string? InstanceId,
    IReadOnlyDictionary<string, string> Attributes,
    double? Value,
    ulong? Count,
    double? Sum,
    double? Min,
    double? Max,
    IReadOnlyList<HistogramBucket>? Buckets,
    IReadOnlyList<QuantileValue>? Quantiles);

/// <summary>One instrument's metadata and the points of one export batch.</summary>
public sealed record MetricData(
    string Service,
    string Meter,
    string Name,
    string Description,
    string Unit,
    InstrumentKind Kind,
    bool IsMonotonic,
    AggregationTemporality Temporality,
    IReadOnlyList<MetricPoint> Points);
