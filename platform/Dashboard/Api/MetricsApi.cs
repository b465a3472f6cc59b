using AmazonScale.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Dashboard.Api;

/// <summary>The Metrics page's API: resource → meter → instrument → points.</summary>
internal static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/metrics").WithTags("Metrics");
        group.MapGet("/", (TelemetryStore telemetry) => TypedResults.Ok(telemetry.Metrics.Services()))
            .WithName("GetMetricResources").WithSummary("Resources that exported metrics.");
        group.MapGet("/{resource}", GetMeters).WithName("GetMeters").WithSummary("A resource's meters and their instruments.");
        group.MapGet("/{resource}/{meter}/{instrument}", GetInstrument).WithName("GetInstrument").WithSummary("An instrument's retained points, oldest first.");
        return app;
    }

    private static Results<Ok<IEnumerable<MeterView>>, ProblemHttpResult> GetMeters(TelemetryStore telemetry, string resource) =>
        telemetry.Metrics.Instruments(resource) is { } instruments
            ? TypedResults.Ok(instruments.GroupBy(i => i.Meter).Select(g => new MeterView(g.Key, [.. g])))
            : Problems.NotFound($"Resource '{resource}' has exported no metrics.");

    private static Results<Ok<InstrumentView>, ProblemHttpResult> GetInstrument(TelemetryStore telemetry, string resource, string meter, string instrument)
    {
        if (telemetry.Metrics.Instrument(resource, meter, instrument) is not { } found)
        {
            return Problems.NotFound($"Resource '{resource}' has no instrument '{instrument}' in meter '{meter}'.");
        }

        var intervals = HistogramIntervals.Compute(found.Points, found.Instrument.Temporality);
        return TypedResults.Ok(new InstrumentView(found.Instrument, [.. found.Points.Select((point, i) => PointView.From(point, intervals[i]))]));
    }

    public sealed record MeterView(string Name, IReadOnlyList<InstrumentSummary> Instruments);

    public sealed record InstrumentView(InstrumentSummary Instrument, IReadOnlyList<PointView> Points);

    /// <param name="P50">Histogram percentiles of the values recorded since the series' previous point (see <see cref="HistogramIntervals"/>).</param>
    public sealed record PointView(
        DateTimeOffset Time,
        string? InstanceId,
        IReadOnlyDictionary<string, string> Attributes,
        double? Value,
        ulong? Count,
        double? Sum,
        double? Min,
        double? Max,
        double? P50,
        double? P90,
        double? P99,
        IReadOnlyList<HistogramBucket>? Buckets,
        IReadOnlyList<QuantileValue>? Quantiles)
    {
        public static PointView From(MetricPoint p, IReadOnlyList<HistogramBucket>? interval) => new(
            p.Time, p.InstanceId, p.Attributes, p.Value, p.Count, p.Sum, p.Min, p.Max,
            Percentile(p, interval, 0.5), Percentile(p, interval, 0.9), Percentile(p, interval, 0.99), p.Buckets, p.Quantiles);

        // The cumulative min/max still bound the interval's values, so they remain valid clamps for open-ended buckets.
        private static double? Percentile(MetricPoint p, IReadOnlyList<HistogramBucket>? interval, double quantile) =>
            interval is null ? null : HistogramPercentile.Estimate(interval, quantile, p.Min, p.Max);
    }
}
