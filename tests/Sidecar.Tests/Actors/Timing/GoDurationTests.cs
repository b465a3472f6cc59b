using AmazonScale.Sidecar.Actors.Timing;

namespace AmazonScale.Sidecar.Tests.Actors.Timing;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0h0m5s0ms", 5_000)]
    [InlineData("24h0m0s0ms", 86_400_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("300ms", 300)]
    [InlineData("0", 0)]
    [InlineData("-2s", -2_000)]
    [InlineData("+2s", 2_000)]
    [InlineData("0h0m0s250ms", 250)]
    public void Parses_go_durations(string text, long expectedMilliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), duration);
    }

    [Theory]
    [InlineData("10us", 100)]
    [InlineData("10µs", 100)]
    [InlineData("1500ns", 15)]
    public void Parses_sub_millisecond_units_in_ticks(string text, long expectedTicks)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(expectedTicks, duration.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("5x")]
    [InlineData("1d")]
    [InlineData(".s")]
    [InlineData("-")]
    [InlineData("PT5S")]
    [InlineData("5s ")]
    [InlineData("99999999999999h")]
    public void Rejects_anything_else(string text) => Assert.False(GoDuration.TryParse(text, out _));
}
