namespace AmazonScale.Bench;

/// <summary>
/// HDR-style latency histogram: values in microseconds go to log-linear buckets (values below 256 exact,
/// above that 128 buckets per power of two, &lt;1% relative error), so percentiles are cheap and accurate from 1 µs to minutes.
/// Not thread-safe: keep one per worker and Merge.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int ExactLimit = 2 * SubBuckets;
    private const int BucketCount = ExactLimit + 40 * SubBuckets;
    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public void RecordMicroseconds(long micros)
    {
        _counts[IndexOf(Math.Max(0, micros))]++;
        Count++;
    }

    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
        Count += other.Count;
    }

    /// <summary>The value (µs) at or below which <paramref name="percentile"/>% of recordings fall.</summary>
    public double PercentileMicroseconds(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }
        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(1, rank))
            {
                return UpperBoundOf(i);
            }
        }
        return UpperBoundOf(_counts.Length - 1);
    }

    private static int IndexOf(long value)
    {
        if (value < ExactLimit)
        {
            return (int)value;
        }
        // Keep the top 8 significant bits: the shift picks the power-of-two range, the bits the position in it.
        var shift = 64 - (int)long.LeadingZeroCount(value) - (SubBucketBits + 1);
        var top = (int)(value >> shift);
        return Math.Min(ExactLimit + (shift - 1) * SubBuckets + (top - SubBuckets), BucketCount - 1);
    }

    private static double UpperBoundOf(int index)
    {
        if (index < ExactLimit)
        {
            return index;
        }
        var shift = (index - ExactLimit) / SubBuckets + 1;
        var top = (index - ExactLimit) % SubBuckets + SubBuckets;
        return ((long)(top + 1) << shift) - 1;
    }
}
