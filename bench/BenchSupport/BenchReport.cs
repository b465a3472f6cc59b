using System.Globalization;
using System.Text;

namespace AmazonScale.Bench;

/// <summary>Prints results as Markdown tables with each case's throughput (or achieved rate) and p99 relative to its baseline.</summary>
public static class BenchReport
{
    /// <summary>Closed-loop (<see cref="LoadRunner"/>) cases: every worker back to back, i.e. at saturation.</summary>
    public static string ToMarkdown(IReadOnlyList<(BenchResult Result, BenchResult? Baseline)> rows) => Table(
        "| mode | case | conc. | ops | ops/s | p50 ms | p99 ms | p99.9 ms | throughput vs baseline | p99 vs baseline |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        rows, (result, baseline) =>
        {
            var latency = result.Latency;
            return string.Create(CultureInfo.InvariantCulture,
                $"| closed loop | {result.Name} | {result.Concurrency} | {latency.Count} | {result.Throughput:0} | {Ms(latency, 50)} | {Ms(latency, 99)} | {Ms(latency, 99.9)} | {Ratio(result.Throughput, baseline?.Throughput)} | {P99Ratio(latency, baseline?.Latency)} |");
        });

    /// <summary>Open-loop cases: offered vs achieved rate, latency from each request's due time, and how late requests were sent.</summary>
    public static string ToMarkdown(IReadOnlyList<(OpenLoopResult Result, OpenLoopResult? Baseline)> rows) => Table(
        "| mode | case | conn. | offered/s | achieved/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | send lag p99 ms | sent late | unsent | p99 vs baseline |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        rows, (result, baseline) =>
        {
            var (latency, tally) = (result.Tally.Latency, result.Tally);
            return string.Create(CultureInfo.InvariantCulture,
                $"| open loop | {result.Name} | {result.Connections} | {result.OfferedRate:0} | {result.AchievedRate:0} | {Ms(latency, 50)} | {Ms(latency, 90)} | {Ms(latency, 99)} | {Ms(latency, 99.9)} | {Ms(latency, 100)} | {Ms(tally.SendLag, 99)} | {tally.Late} ({100.0 * tally.Late / Math.Max(1, latency.Count):0.0}% > {result.LateThreshold.TotalMilliseconds:0} ms) | {tally.Unsent} | {P99Ratio(latency, baseline?.Tally.Latency)} |");
        });

    /// <summary>wrk cases (closed loop from a C generator): wrk's latency distribution, and each case's server CPU per request.</summary>
    public static string ToMarkdown(IReadOnlyList<(WrkResult Result, WrkResult? Baseline)> rows) => Table(
        "| mode | case | conn. | requests | req/s | p50 ms | p75 ms | p90 ms | p99 ms | max ms | throughput vs baseline | p99 vs baseline | server CPU per request |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        rows, (result, baseline) =>
        {
            var latency = result.Latency;
            return string.Create(CultureInfo.InvariantCulture,
                $"| wrk -t{result.Threads} | {result.Name} | {result.Connections} | {result.Requests} | {result.RequestsPerSecond:0} | {Ms(latency.P50)} | {Ms(latency.P75)} | {Ms(latency.P90)} | {Ms(latency.P99)} | {Ms(latency.Max)} | {Ratio(result.RequestsPerSecond, baseline?.RequestsPerSecond)} | {P99Ratio(latency.P99, baseline?.Latency.P99)} | {result.CpuPerRequest ?? "—"} |");
        });

    private static string Table<T>(string header, string alignment, IReadOnlyList<(T Result, T? Baseline)> rows, Func<T, T?, string> row) where T : class
    {
        var text = new StringBuilder().AppendLine(header).AppendLine(alignment);
        foreach (var (result, baseline) in rows)
        {
            text.AppendLine(row(result, baseline));
        }
        return text.ToString();
    }

    private static string Ratio(double throughput, double? baseline) =>
        baseline is { } rate ? (throughput / rate).ToString("0.00x", CultureInfo.InvariantCulture) : "baseline";

    private static string P99Ratio(LatencyHistogram latency, LatencyHistogram? baseline) =>
        P99Ratio(latency.PercentileMicroseconds(99), baseline?.PercentileMicroseconds(99));

    private static string P99Ratio(double p99Microseconds, double? baselineP99Microseconds) => baselineP99Microseconds is not { } baseline ? "baseline"
        : (p99Microseconds / Math.Max(1, baseline)).ToString("0.0x", CultureInfo.InvariantCulture);

    private static string Ms(LatencyHistogram histogram, double percentile) => Ms(histogram.PercentileMicroseconds(percentile));

    private static string Ms(double microseconds) => (microseconds / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
}
