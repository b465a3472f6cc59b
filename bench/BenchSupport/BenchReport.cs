using System.Globalization;
using System.Text;

namespace AmazonScale.Bench;

/// <summary>Prints results as a Markdown table with each case's throughput and p99 relative to its baseline.</summary>
public static class BenchReport
{
    public static string ToMarkdown(IReadOnlyList<(BenchResult Result, BenchResult? Baseline)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| case | conc. | ops | ops/s | p50 ms | p99 ms | p99.9 ms | throughput vs baseline | p99 vs baseline |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (result, baseline) in rows)
        {
            var latency = result.Latency;
            var ratio = baseline is null ? "baseline" : (result.Throughput / baseline.Throughput).ToString("0.00x", CultureInfo.InvariantCulture);
            var p99Ratio = baseline is null ? "baseline"
                : (latency.PercentileMicroseconds(99) / Math.Max(1, baseline.Latency.PercentileMicroseconds(99))).ToString("0.0x", CultureInfo.InvariantCulture);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Name} | {result.Concurrency} | {latency.Count} | {result.Throughput:0} | {Ms(latency, 50)} | {Ms(latency, 99)} | {Ms(latency, 99.9)} | {ratio} | {p99Ratio} |"));
        }
        return text.ToString();
    }

    private static string Ms(LatencyHistogram histogram, double percentile) =>
        (histogram.PercentileMicroseconds(percentile) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
}
