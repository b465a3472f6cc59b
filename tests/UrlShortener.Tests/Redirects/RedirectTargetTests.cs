using AmazonScale.UrlShortener.Redirects;
using Microsoft.AspNetCore.Http;

namespace AmazonScale.UrlShortener.Tests.Redirects;

public sealed class RedirectTargetTests
{
    private static RedirectTarget Target(string url, bool forwardQuery) => new("abc", url, null, forwardQuery, null, false, null);

    [Theory]
    [InlineData("https://example.com/p", "?utm=1", "https://example.com/p?utm=1")]
    [InlineData("https://example.com/p?a=1", "?utm=1", "https://example.com/p?a=1&utm=1")]
    [InlineData("https://example.com/p?a=1#top", "?utm=1", "https://example.com/p?a=1&utm=1#top")]
    [InlineData("https://example.com/p", "", "https://example.com/p")]
    public void Forwards_the_visitors_query_when_asked(string target, string query, string expected) =>
        Assert.Equal(expected, Target(target, true).LocationFor(new QueryString(query.Length == 0 ? null : query)));

    [Fact]
    public void Keeps_the_target_untouched_otherwise() =>
        Assert.Equal("https://example.com/p", Target("https://example.com/p", false).LocationFor(new QueryString("?utm=1")));

    [Fact]
    public void Is_gone_once_expired_or_flagged()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.False(Target("https://example.com/", false).IsGoneAt(now));
        Assert.True((Target("https://example.com/", false) with { ExpiresAt = now }).IsGoneAt(now));
        Assert.True((Target("https://example.com/", false) with { Gone = true }).IsGoneAt(now));
    }
}
