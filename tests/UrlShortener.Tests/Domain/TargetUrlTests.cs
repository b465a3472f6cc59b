using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class TargetUrlTests
{
    private static readonly string[] Own = ["sho.rt"];

    [Theory]
    [InlineData("https://Example.COM/Path?q=1#frag", "https://example.com/Path?q=1#frag")]
    [InlineData("HTTP://example.com:80/a/../b", "http://example.com/b")]
    [InlineData("https://example.com:8443/x", "https://example.com:8443/x")]
    [InlineData("  https://example.com  ", "https://example.com/")]
    [InlineData("https://bücher.de/ä", "https://xn--bcher-kva.de/%C3%A4")]
    [InlineData("https://пример.рф/", "https://xn--e1afmkfd.xn--p1ai/")]
    [InlineData("https://example.com./", "https://example.com/")]
    [InlineData("https://example.com/?q='OR'1'='1;--", "https://example.com/?q='OR'1'='1;--")]
    public void Normalises_accepted_urls(string input, string expected)
    {
        Assert.True(TargetUrl.TryNormalize(input, Own, out var normalized, out var error), error);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("javascript:alert(1)", "http or https")]
    [InlineData("JaVaScRiPt:alert(1)", "http or https")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=", "http or https")]
    [InlineData("ftp://example.com/file", "http or https")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("//example.com/relative", "http or https")]
    [InlineData("example.com", "http or https")]
    [InlineData("https://user:pass@example.com/", "credentials")]
    [InlineData("https://user@example.com/", "credentials")]
    [InlineData("https://exa\u200Bmple.com/", "invisible")]
    [InlineData("https://example.com/\u202Egnp.exe", "invisible")]
    [InlineData("https://example.com/a b", "whitespace")]
    [InlineData("https://example.com/\r\nSet-Cookie:x", "control")]
    [InlineData("https://p\u0430ypal.com/", "lookalike")]
    [InlineData("https://example\uFF0Ecom/", "lookalike")]
    [InlineData("https://example\u3002com/", "lookalike")]
    [InlineData("https://sho.rt/abc", "back at this service")]
    [InlineData("https://SHO.RT./abc", "back at this service")]
    [InlineData("https://www.sho.rt/abc", "back at this service")]
    [InlineData("http://localhost:5201/r/abc", "back at this service")]
    [InlineData("http://127.0.0.1/r/abc", "back at this service")]
    [InlineData("http://2130706433/r/abc", "back at this service")]
    [InlineData("http://0x7f.1/r/abc", "back at this service")]
    [InlineData("http://[::1]/r/abc", "back at this service")]
    [InlineData("http://app.localhost/", "back at this service")]
    public void Rejects_dangerous_or_looping_urls(string? input, string reason)
    {
        Assert.False(TargetUrl.TryNormalize(input, Own, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Rejects_urls_longer_than_2048_characters()
    {
        var atLimit = "https://example.com/" + new string('a', TargetUrl.MaxLength - "https://example.com/".Length);
        Assert.True(TargetUrl.TryNormalize(atLimit, Own, out _, out _));
        Assert.False(TargetUrl.TryNormalize(atLimit + "a", Own, out _, out var error));
        Assert.Contains("2048", error);
    }

    [Fact]
    public void Rejects_urls_that_grow_past_the_limit_when_normalised()
    {
        var input = "https://example.com/" + new string('é', 1000);
        Assert.False(TargetUrl.TryNormalize(input, Own, out _, out var error));
        Assert.Contains("normalised", error);
    }

    [Theory]
    [InlineData("sho.rt", true)]
    [InlineData("a.b.sho.rt", true)]
    [InlineData("notsho.rt", false)]
    [InlineData("sho.rt.evil.com", false)]
    public void Own_hosts_include_subdomains_only(string host, bool expected) =>
        Assert.Equal(expected, TargetUrl.IsOwnHost(host, Own));
}
