using System.Globalization;

namespace AmazonScale.UrlShortener.Domain;

/// <summary>
/// The calendar month (UTC) an API key's create quota counts in, and the numbers the IETF RateLimit
/// headers report: remaining units and seconds until the window resets.
/// </summary>
public readonly record struct QuotaPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public static QuotaPeriod Containing(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new QuotaPeriod(start, start.AddMonths(1));
    }

    /// <summary>Stable name of the window, used in state keys ("2026-11").</summary>
    public string Id => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public TimeSpan Length => End - Start;

    /// <summary>Whole seconds until the window resets, at least 1 (Retry-After must be positive).</summary>
    public long SecondsUntilReset(DateTimeOffset now) => Math.Max(1, (long)Math.Ceiling((End - now).TotalSeconds));

    /// <summary>How many of <paramref name="requested"/> units fit under <paramref name="limit"/> after <paramref name="used"/>.</summary>
    public static int Grant(long used, long limit, int requested) => (int)Math.Clamp(limit - used, 0, requested);
}
