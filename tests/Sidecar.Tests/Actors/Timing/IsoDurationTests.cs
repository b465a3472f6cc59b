using AmazonScale.Sidecar.Actors.Timing;

namespace AmazonScale.Sidecar.Tests.Actors.Timing;

public sealed class IsoDurationTests
{
    [Fact]
    public void Parses_every_component()
    {
        Assert.True(IsoDuration.TryParse("P1Y2M3W4DT5H6M7S", out var duration, out var repetitions));
        Assert.Null(repetitions);
        Assert.Equal(new CalendarDuration(1, 2, 25, new TimeSpan(5, 6, 7)), duration);
    }

    [Fact]
    public void Parses_repetitions()
    {
        Assert.True(IsoDuration.TryParse("R5/PT10S", out var duration, out var repetitions));
        Assert.Equal(5, repetitions);
        Assert.Equal(CalendarDuration.FromTimeSpan(TimeSpan.FromSeconds(10)), duration);
    }

    [Fact]
    public void Adds_calendar_units_with_calendar_arithmetic()
    {
        Assert.True(IsoDuration.TryParse("P1M", out var month, out _));
        var endOfJanuary = new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 12, 0, 0, TimeSpan.Zero), month.AddTo(endOfJanuary));
    }

    [Theory]
    [InlineData("R/PT10S", "repetition count is missing")]
    [InlineData("R0/PT10S", "has zero repetitions")]
    [InlineData("P", "no duration components")]
    [InlineData("PT", "no duration components")]
    [InlineData("R99999999999/PT1S", "too large")]
    [InlineData("P99999999999D", "out of range")]
    public void Rejects_invalid_iso_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<ActorTimeFormatException>(() => IsoDuration.TryParse(text, out _, out _));
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("5s")]
    [InlineData("PT1.5S")]
    [InlineData("pt5s")]
    [InlineData("P1H")]
    [InlineData("2026-01-01T00:00:00Z")]
    public void Does_not_claim_non_iso_text(string text) => Assert.False(IsoDuration.TryParse(text, out _, out _));
}
