using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class QuotaPeriodTests
{
    [Fact]
    public void A_period_is_the_utc_calendar_month()
    {
        var period = QuotaPeriod.Containing(new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.FromHours(-5)));
        Assert.Equal("2026-03", period.Id);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), period.End);
        Assert.Equal(TimeSpan.FromDays(31), period.Length);
    }

    [Fact]
    public void December_rolls_into_january()
    {
        var period = QuotaPeriod.Containing(new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public void Seconds_until_reset_round_up_and_stay_positive()
    {
        var period = QuotaPeriod.Containing(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, period.SecondsUntilReset(period.End.AddMilliseconds(-1)));
        Assert.Equal(1, period.SecondsUntilReset(period.End.AddSeconds(5)));
        Assert.Equal(3601, period.SecondsUntilReset(period.End.AddSeconds(-3600.5)));
    }

    [Theory]
    [InlineData(0, 10, 1, 1)]
    [InlineData(9, 10, 1, 1)]
    [InlineData(10, 10, 1, 0)]
    [InlineData(12, 10, 1, 0)]
    [InlineData(7, 10, 5, 3)]
    [InlineData(0, 10, 0, 0)]
    public void Grants_what_fits_under_the_limit(long used, long limit, int requested, int granted) =>
        Assert.Equal(granted, QuotaPeriod.Grant(used, limit, requested));
}
