using System.Net;
using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class VisitorIdentityTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0")]
    [InlineData("2001:db8:abcd:1234:5678::1", "2001:db8:abcd::")]
    public void Anonymises_to_a_network_prefix(string ip, string expected) =>
        Assert.Equal(expected, VisitorIdentity.AnonymizeIp(IPAddress.Parse(ip)));
}
