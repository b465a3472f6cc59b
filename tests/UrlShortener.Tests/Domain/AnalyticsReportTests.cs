using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class AnalyticsReportTests
{
    private static readonly ClientClass Desktop = new(false, "desktop", "Chrome", "Windows");
    private static readonly DateOnly Monday = new(2026, 11, 16);

    private static Dictionary<DateOnly, DailyVisits> Days()
    {
        var monday = new DailyVisits();
        monday.Count(At(Monday, 8), "https://x.example/", Desktop, "v1", "NL");
        monday.Count(At(Monday, 8), null, Desktop, "v2", "NL");
        var sunday = new DailyVisits();
        sunday.Count(At(Monday.AddDays(6), 23), null, Desktop, "v1", "BE");
        var nextMonday = new DailyVisits();
        nextMonday.Count(At(Monday.AddDays(7), 0), null, Desktop, "v3", null);
        nextMonday.Count(At(Monday.AddDays(7), 0), null, new ClientClass(true, "bot", "unknown", "unknown"), "b", null);
        return new() { [Monday] = monday, [Monday.AddDays(6)] = sunday, [Monday.AddDays(7)] = nextMonday };
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    [Fact]
    public void Totals_and_breakdowns_cover_the_range()
    {
        var report = AnalyticsReport.Build("abc", new AnalyticsRange(Monday, Monday.AddDays(7), Granularity.Day), Days());
        Assert.Equal(4, report.Visits);
        Assert.Equal(4, report.UniqueVisitors);
        Assert.Equal(1, report.Bots);
        Assert.Equal(8, report.Timeline.Count);
        Assert.Equal([2L, 0, 0, 0, 0, 0, 1, 1], report.Timeline.Select(p => p.Visits));
        Assert.Equal(new Dictionary<string, long> { ["NL"] = 2, ["BE"] = 1, ["unknown"] = 1 }, report.Countries);
        Assert.Equal("NL", report.Countries.Keys.First());
    }

    [Fact]
    public void Weekly_buckets_start_on_monday()
    {
        var report = AnalyticsReport.Build("abc", new AnalyticsRange(Monday.AddDays(2), Monday.AddDays(7), Granularity.Week), Days());
        Assert.Equal(2, report.Timeline.Count);
        Assert.Equal(At(Monday, 0), report.Timeline[0].Start);
        Assert.Equal(1, report.Timeline[0].Visits);
        Assert.Equal(1, report.Timeline[1].Visits);
    }

    [Fact]
    public void Hourly_buckets_come_from_the_day_documents()
    {
        var report = AnalyticsReport.Build("abc", new AnalyticsRange(Monday, Monday, Granularity.Hour), Days());
        Assert.Equal(24, report.Timeline.Count);
        Assert.Equal(2, report.Timeline[8].Visits);
        Assert.Equal(2, report.Timeline.Sum(p => p.Visits));
    }

    [Fact]
    public void Days_outside_the_range_are_ignored()
    {
        var report = AnalyticsReport.Build("abc", new AnalyticsRange(Monday.AddDays(1), Monday.AddDays(5), Granularity.Day), Days());
        Assert.Equal(0, report.Visits);
        Assert.All(report.Timeline, point => Assert.Equal(0, point.Visits));
    }
}
