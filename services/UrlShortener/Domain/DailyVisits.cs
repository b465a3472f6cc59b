using System.Buffers.Binary;
using System.Text.Json.Serialization;

namespace AmazonScale.UrlShortener.Domain;

/// <summary>
/// One code's analytics for one UTC day: the unit the subscriber updates (one document, ETag-guarded)
/// and the report reads. Sizes are bounded whatever the traffic: 24 hour buckets, a 1 KiB unique-visitor
/// sketch, at most <see cref="MaxBreakdownKeys"/> keys per breakdown, and the ids of the last
/// <see cref="RememberedBatches"/> visit batches counted here, which make a redelivered batch (at-least-once
/// pub/sub) a no-op. Documents stored before batches existed remembered per-visit event ids ("recentEventIds",
/// ~8.7 KB): they still load with every count intact, and drop that list on their next write (the per-visit events
/// it deduplicated are no longer published).
/// </summary>
public sealed class DailyVisits
{
    public const int MaxBreakdownKeys = 100;
    public const int RememberedBatches = 128;
    public const string OtherKey = "other";
    public const string DirectReferrer = "direct";
    private const int BatchIdBytes = sizeof(long);

    public long Visits { get; set; }
    public long Bots { get; set; }
    public long[] Hours { get; set; } = new long[24];
    /// <summary>Absent until the day's first human visit (bots-only days carry no sketch).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public byte[]? VisitorSketch { get; set; }
    public Dictionary<string, long> Referrers { get; set; } = [];
    public Dictionary<string, long> Devices { get; set; } = [];
    public Dictionary<string, long> Browsers { get; set; } = [];
    public Dictionary<string, long> OperatingSystems { get; set; } = [];
    public Dictionary<string, long> Countries { get; set; } = [];

    /// <summary>Batch ids counted here, oldest first, 8 bytes each (little-endian): ~1.4 KB of base64 when full.</summary>
    public byte[] RecentBatches { get; set; } = [];

    /// <summary>A method, not a property: the estimate is not part of the stored document.</summary>
    public long EstimateUniqueVisitors() => HyperLogLog.FromRegisters(VisitorSketch).Estimate();

    [JsonIgnore]
    public int RememberedBatchCount => RecentBatches.Length / BatchIdBytes;

    /// <summary>
    /// Records that batch <paramref name="batchId"/> is being counted here; false when it already was (count nothing
    /// then). The oldest id is forgotten beyond <see cref="RememberedBatches"/>.
    /// </summary>
    public bool Remember(long batchId)
    {
        var count = RememberedBatchCount;
        for (var i = 0; i < count; i++)
        {
            if (BinaryPrimitives.ReadInt64LittleEndian(RecentBatches.AsSpan(i * BatchIdBytes)) == batchId)
            {
                return false;
            }
        }
        var keep = Math.Min(count, RememberedBatches - 1);
        var next = new byte[(keep + 1) * BatchIdBytes];
        RecentBatches.AsSpan((count - keep) * BatchIdBytes, keep * BatchIdBytes).CopyTo(next);
        BinaryPrimitives.WriteInt64LittleEndian(next.AsSpan(keep * BatchIdBytes), batchId);
        RecentBatches = next;
        return true;
    }

    /// <summary>Counts one visit of a batch <see cref="Remember"/> accepted.</summary>
    public void Count(DateTimeOffset occurredAt, string? referrer, ClientClass client, string visitorId, string? country)
    {
        if (client.IsBot)
        {
            Bots++;
            return;
        }
        Visits++;
        Hours[occurredAt.UtcDateTime.Hour]++;
        if (VisitorSketch is not { Length: HyperLogLog.RegisterCount })
        {
            VisitorSketch = new byte[HyperLogLog.RegisterCount];
        }
        HyperLogLog.AddTo(VisitorSketch, visitorId);
        Increment(Referrers, ReferrerHost(referrer));
        Increment(Devices, client.Device);
        Increment(Browsers, client.Browser);
        Increment(OperatingSystems, client.OperatingSystem);
        Increment(Countries, CountryCode(country));
    }

    /// <summary>The referring site's host ("direct" when absent or unparsable), the level owners care about.</summary>
    public static string ReferrerHost(string? referrer) =>
        Uri.TryCreate(referrer, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.IdnHost.ToLowerInvariant() : DirectReferrer;

    /// <summary>ISO 3166 alpha-2 from the edge header, upper-cased; anything else is "unknown".</summary>
    public static string CountryCode(string? country) =>
        country is { Length: 2 } && country.All(char.IsAsciiLetter) ? country.ToUpperInvariant() : UserAgentClassifier.Unknown;

    private static void Increment(Dictionary<string, long> counts, string key)
    {
        var bucket = counts.ContainsKey(key) || counts.Count < MaxBreakdownKeys ? key : OtherKey;
        counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
    }
}
