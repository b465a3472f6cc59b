namespace AmazonScale.Dashboard.Telemetry;

/// <summary>Estimates a quantile from bucket counts, interpolating linearly inside the bucket that holds it.</summary>
public static class HistogramPercentile
{
    /// <returns>null when the histogram is empty.</returns>
    public static double? Estimate(IReadOnlyList<HistogramBucket> buckets, double quantile, double? min, double? max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var total = buckets.Aggregate(0UL, (sum, b) => sum + b.Count);
        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        var seen = 0UL;
        double? lower = min;
        foreach (var bucket in buckets)
        {
            if (bucket.Count > 0 && seen + bucket.Count >= rank)
            {
                // Open-ended buckets are clamped by the recorded min/max when the exporter sent them.
                var low = lower ?? bucket.UpperBound ?? max ?? 0;
                var high = bucket.UpperBound is { } upper ? Math.Min(upper, max ?? upper) : max ?? low;
                low = Math.Min(low, high);
                return low + ((high - low) * ((rank - seen) / bucket.Count));
            }

            seen += bucket.Count;
            lower = bucket.UpperBound is { } bound ? Math.Max(bound, min ?? bound) : lower;
        }

        return max;
    }
}
