using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class DailyVisitsTests
{
    private static readonly ClientClass Desktop = new(false, "desktop", "Firefox", "Linux");
    private static readonly ClientClass Phone = new(false, "mobile", "Safari", "iOS");
    private static readonly ClientClass Crawler = new(true, "bot", "unknown", "unknown");
    private static readonly DateTimeOffset Morning = new(2026, 11, 22, 9, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Aggregates_humans_and_counts_bots_apart()
    {
        var day = new DailyVisits();
        day.Apply("e1", Morning, "https://news.example.com/story", Desktop, "v1", "de");
        day.Apply("e2", Morning.AddHours(2), null, Phone, "v2", "US");
        day.Apply("e3", Morning.AddHours(2), "https://news.example.com/other", Desktop, "v1", null);
        day.Apply("e4", Morning, null, Crawler, "bot", null);

        Assert.Equal(3, day.Visits);
        Assert.Equal(1, day.Bots);
        Assert.Equal(2, day.UniqueVisitors);
        Assert.Equal(1, day.Hours[9]);
        Assert.Equal(2, day.Hours[11]);
        Assert.Equal(2, day.Referrers["news.example.com"]);
        Assert.Equal(1, day.Referrers[DailyVisits.DirectReferrer]);
        Assert.Equal(2, day.Devices["desktop"]);
        Assert.Equal(1, day.Browsers["Safari"]);
        Assert.Equal(1, day.Countries["DE"]);
        Assert.Equal(1, day.Countries["unknown"]);
    }

    [Fact]
    public void A_redelivered_event_counts_once()
    {
        var day = new DailyVisits();
        Assert.True(day.Apply("same", Morning, null, Desktop, "v1", null));
        Assert.False(day.Apply("same", Morning, null, Desktop, "v1", null));
        Assert.Equal(1, day.Visits);
    }

    [Fact]
    public void Remembered_event_ids_and_breakdowns_stay_bounded()
    {
        var day = new DailyVisits();
        for (var i = 0; i < 1000; i++)
        {
            day.Apply($"e{i}", Morning, $"https://site{i}.example/", Desktop, $"v{i}", null);
        }
        Assert.Equal(DailyVisits.RememberedEvents, day.RecentEventIds.Count);
        Assert.Equal(DailyVisits.MaxBreakdownKeys + 1, day.Referrers.Count);
        Assert.Equal(1000 - DailyVisits.MaxBreakdownKeys, day.Referrers[DailyVisits.OtherKey]);
        Assert.Equal(1000, day.Referrers.Values.Sum());
    }

    [Theory]
    [InlineData("fr", "FR")]
    [InlineData("XX", "XX")]
    [InlineData("", "unknown")]
    [InlineData("USA", "unknown")]
    [InlineData("1'", "unknown")]
    public void Country_codes_are_two_letters_or_unknown(string header, string expected) =>
        Assert.Equal(expected, DailyVisits.CountryCode(header));
}
