using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class BrandedDomainTests
{
    [Theory]
    [InlineData("Go.Example.com", "go.example.com")]
    [InlineData("links.bücher.de.", "links.xn--bcher-kva.de")]
    public void Normalises_host_names(string input, string expected)
    {
        Assert.True(BrandedDomain.TryNormalize(input, out var host));
        Assert.Equal(expected, host);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("https://go.example.com")]
    [InlineData("go.example.com/path")]
    [InlineData("go.example.com:8080")]
    [InlineData("10.0.0.1")]
    [InlineData("p\u0430ypal.com")]
    public void Rejects_anything_but_a_dotted_dns_name(string? input) => Assert.False(BrandedDomain.TryNormalize(input, out _));
}
