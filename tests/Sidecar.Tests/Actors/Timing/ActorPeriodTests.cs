using AmazonScale.Sidecar.Actors.Timing;

namespace AmazonScale.Sidecar.Tests.Actors.Timing;

public sealed class ActorPeriodTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Empty_period_means_fire_once() => Assert.Null(ActorPeriod.Parse(""));

    [Fact]
    public void Keeps_the_raw_text_for_echoing()
    {
        var period = ActorPeriod.Parse("0h0m10s0ms")!;
        Assert.Equal("0h0m10s0ms", period.Raw);
        Assert.Equal(CalendarDuration.FromTimeSpan(TimeSpan.FromSeconds(10)), period.Interval);
        Assert.Null(period.Repetitions);
        Assert.True(period.Repeats);
    }

    [Fact]
    public void Iso_period_with_repetitions() => Assert.Equal(3, ActorPeriod.Parse("R3/P1D")!.Repetitions);

    [Theory]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("R0/PT1S")]
    [InlineData("R/PT1S")]
    public void Rejects_malformed_periods(string text) => Assert.Throws<ActorTimeFormatException>(() => ActorPeriod.Parse(text));

    [Fact]
    public void Zero_period_does_not_repeat() => Assert.False(ActorPeriod.Parse("0s")!.Repeats);

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("0h0m5s0ms", 5)]
    [InlineData("PT5S", 5)]
    [InlineData("-1s", 0)]
    public void Due_time_relative_to_now(string? text, int seconds) =>
        Assert.Equal(Now.AddSeconds(seconds), ActorTime.ParseDueTime(text, Now));

    [Fact]
    public void Due_time_as_rfc3339() =>
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)), ActorTime.ParseDueTime("2026-05-01T12:00:00+02:00", Now));

    [Theory]
    [InlineData("R2/PT5S")]
    [InlineData("tomorrow")]
    [InlineData("2026-13-01T00:00:00Z")]
    public void Rejects_malformed_due_times(string text) => Assert.Throws<ActorTimeFormatException>(() => ActorTime.ParseDueTime(text, Now));

    [Fact]
    public void Ttl_counts_from_the_first_due_time() =>
        Assert.Equal(Now.AddSeconds(15), ActorTime.ParseTtl("10s", Now.AddSeconds(5), Now));

    [Fact]
    public void Ttl_in_the_past_is_an_error() =>
        Assert.Throws<ActorTimeFormatException>(() => ActorTime.ParseTtl("2020-01-01T00:00:00Z", Now, Now));
}
