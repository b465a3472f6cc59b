namespace AmazonScale.UrlShortener.Domain;

/// <summary>
/// One code's analytics for one UTC day: the unit the subscriber updates (one document, ETag-guarded)
/// and the report reads. Sizes are bounded whatever the traffic: 24 hour buckets, a 1 KiB unique-visitor
/// sketch, at most <see cref="MaxBreakdownKeys"/> keys per breakdown, and the last
/// <see cref="RememberedEvents"/> event ids to make redelivered events (at-least-once pub/sub) no-ops.
/// </summary>
public sealed class DailyVisits
{
    public const int MaxBreakdownKeys = 100;
    public const int RememberedEvents = 256;
    public const string OtherKey = "other";
    public const string DirectReferrer = "direct";

    public long Visits { get; set; }
    public long Bots { get; set; }
    public long[] Hours { get; set; } = new long[24];
    public byte[]? VisitorSketch { get; set; }
    public Dictionary<string, long> Referrers { get; set; } = [];
    public Dictionary<string, long> Devices { get; set; } = [];
    public Dictionary<string, long> Browsers { get; set; } = [];
    public Dictionary<string, long> OperatingSystems { get; set; } = [];
    public Dictionary<string, long> Countries { get; set; } = [];
    public List<string> RecentEventIds { get; set; } = [];

    public long UniqueVisitors => HyperLogLog.FromRegisters(VisitorSketch).Estimate();

    /// <summary>Counts a visit once; returns false when this event id was already counted.</summary>
    public bool Apply(string eventId, DateTimeOffset occurredAt, string? referrer, ClientClass client, string visitorId, string? country)
    {
        if (RecentEventIds.Contains(eventId))
        {
            return false;
        }
        RecentEventIds.Add(eventId);
        if (RecentEventIds.Count > RememberedEvents)
        {
            RecentEventIds.RemoveAt(0);
        }

        if (client.IsBot)
        {
            Bots++;
            return true;
        }
        Visits++;
        Hours[occurredAt.UtcDateTime.Hour]++;
        var sketch = HyperLogLog.FromRegisters(VisitorSketch);
        sketch.Add(visitorId);
        VisitorSketch = sketch.Registers;
        Increment(Referrers, ReferrerHost(referrer));
        Increment(Devices, client.Device);
        Increment(Browsers, client.Browser);
        Increment(OperatingSystems, client.OperatingSystem);
        Increment(Countries, CountryCode(country));
        return true;
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
