namespace AmazonScale.Dashboard.Telemetry;

/// <summary>
/// Cumulative histograms (the .NET SDK default) count everything since the process started, so percentiles taken
/// from them barely move. The latency of recent requests is the bucket-wise difference between a point and the
/// previous point of the same series (same instance and attributes).
/// </summary>
public static class HistogramIntervals
{
    /// <returns>
    /// For each point, in order: the buckets recorded since the previous point of its series; the point's own buckets
    /// when it is the first of its series, the temporality is delta, or the series restarted; null for non-histograms.
    /// </returns>
    public static IReadOnlyList<IReadOnlyList<HistogramBucket>?> Compute(IReadOnlyList<MetricPoint> points, AggregationTemporality temporality)
    {
        var previousBySeries = new Dictionary<string, IReadOnlyList<HistogramBucket>>(StringComparer.Ordinal);
        var intervals = new List<IReadOnlyList<HistogramBucket>?>(points.Count);
        foreach (var point in points)
        {
            if (point.Buckets is not { } buckets)
            {
                intervals.Add(null);
                continue;
            }

            var series = SeriesKey(point);
            intervals.Add(temporality == AggregationTemporality.Cumulative
                && previousBySeries.TryGetValue(series, out var previous)
                && Difference(previous, buckets) is { } difference
                    ? difference
                    : buckets);
            previousBySeries[series] = buckets;
        }

        return intervals;
    }

    /// <summary>Null when the bounds changed or a count went down (the process restarted and the histogram was reset).</summary>
    private static HistogramBucket[]? Difference(IReadOnlyList<HistogramBucket> previous, IReadOnlyList<HistogramBucket> current)
    {
        if (previous.Count != current.Count)
        {
            return null;
        }

        var difference = new HistogramBucket[current.Count];
        for (var i = 0; i < current.Count; i++)
        {
            if (previous[i].UpperBound != current[i].UpperBound || previous[i].Count > current[i].Count)
            {
                return null;
            }

            difference[i] = current[i] with { Count = current[i].Count - previous[i].Count };
        }

        return difference;
    }

    private static string SeriesKey(MetricPoint point) =>
        $"{point.InstanceId}|{string.Join('|', point.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))}";
}
