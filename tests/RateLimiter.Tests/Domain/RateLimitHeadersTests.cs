using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Tests.Domain;

public class RateLimitHeadersTests
{
    [Fact]
    public void Policy_and_limit_fields_parse_back_as_structured_field_lists()
    {
        var decisions = new[]
        {
            new PolicyDecision(Policies.Local("per-user", 100) with { Window = TimeSpan.FromHours(1) }, LimitDecision.Allow(100, 42, TimeSpan.FromSeconds(12.2))),
            new PolicyDecision(Policies.Local("odd\"id\\", 5), LimitDecision.Deny(5, 0, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3))),
        };

        var policy = StructuredFieldList.Parse(RateLimitHeaders.Policy(decisions));
        var limit = StructuredFieldList.Parse(RateLimitHeaders.Limit(decisions));

        Assert.Equal(("per-user", 100L, 3600L), (policy[0].Item, policy[0].Parameters["q"], policy[0].Parameters["w"]));
        Assert.Equal(("odd\"id\\", 5L, 60L), (policy[1].Item, policy[1].Parameters["q"], policy[1].Parameters["w"]));
        Assert.Equal(("per-user", 42L, 13L), (limit[0].Item, limit[0].Parameters["r"], limit[0].Parameters["t"]));
        Assert.Equal(("odd\"id\\", 0L, 30L), (limit[1].Item, limit[1].Parameters["r"], limit[1].Parameters["t"]));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.2, 1)]
    [InlineData(1, 1)]
    [InlineData(1.01, 2)]
    public void Retry_after_is_whole_seconds_rounded_up_and_never_zero(double seconds, long expected) =>
        Assert.Equal(expected, RateLimitHeaders.RetryAfterSeconds(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    public void Windows_round_trip_through_their_text_form(string text, long seconds)
    {
        Assert.True(WindowText.TryParse(text, out var window));
        Assert.Equal(TimeSpan.FromSeconds(seconds), window);
        Assert.Equal(text, WindowText.Format(window));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("-1m")]
    [InlineData("10w")]
    [InlineData("99999999999d")]
    public void Malformed_windows_are_rejected(string text) => Assert.False(WindowText.TryParse(text, out _));
}
