using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class AnalyticsRangeTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void Defaults_to_the_last_thirty_days_by_day()
    {
        Assert.True(AnalyticsRange.TryCreate(null, null, null, Today, out var range, out _));
        Assert.Equal((Today.AddDays(-29), Today, Granularity.Day), (range.From, range.To, range.Granularity));
        Assert.Equal(30, range.Days.Count());
    }

    [Theory]
    [InlineData("2026-11-10", "2026-11-01", "day", "from")]
    [InlineData("2025-01-01", "2026-11-01", "day", "to")]
    [InlineData("2026-09-01", "2026-11-01", "hour", "to")]
    [InlineData("2026-11-01", "2026-11-02", "minute", "granularity")]
    [InlineData("2026-11-01", "2026-11-02", "7", "granularity")]
    public void Rejects_bad_ranges(string from, string to, string granularity, string field)
    {
        Assert.False(AnalyticsRange.TryCreate(DateOnly.Parse(from), DateOnly.Parse(to), granularity, Today, out _, out var errors));
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Accepts_granularity_in_any_case()
    {
        Assert.True(AnalyticsRange.TryCreate(Today, Today, "WEEK", Today, out var range, out _));
        Assert.Equal(Granularity.Week, range.Granularity);
    }
}
