using System.Net;
using System.Security.Cryptography;
using System.Text;
using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class DailyVisitorIdsTests : IDisposable
{
    private static readonly byte[] Secret = "test-secret"u8.ToArray();
    private static readonly DateOnly Day = new(2026, 11, 22);

    private readonly DailyVisitorIds _ids = new(Secret);

    [Fact]
    public void Visitor_ids_are_stable_within_a_day_and_unlinkable_across_days_and_secrets()
    {
        var ip = IPAddress.Parse("203.0.113.77");
        var id = _ids.For(Day, ip, "ua");
        Assert.Equal(16, id.Length);
        Assert.Equal(id, _ids.For(Day, ip, "ua"));
        Assert.NotEqual(id, _ids.For(Day.AddDays(1), ip, "ua"));
        using (var otherSecret = new DailyVisitorIds("other"u8))
        {
            Assert.NotEqual(id, otherSecret.For(Day, ip, "ua"));
        }
        Assert.NotEqual(id, _ids.For(Day, ip, "other ua"));
        Assert.NotEqual(id, _ids.For(Day, IPAddress.Parse("203.0.113.78"), "ua"));
        Assert.DoesNotContain("203", id);
    }

    [Theory]
    [InlineData("203.0.113.77", "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0")]
    [InlineData("2001:db8:abcd:1234:5678::1", "Ünïcödé agent")]
    [InlineData(null, null)]
    public void Visitor_ids_are_the_keyed_hash_of_day_address_and_user_agent(string? ip, string? userAgent)
    {
        // The documented material: ids stay comparable with those already counted into today's sketches. Asked twice,
        // because the keyed hash is reused from one id to the next.
        var material = $"2026-11-22\n{ip}\n{userAgent}";
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes(material))[..8]);
        var address = ip is null ? null : IPAddress.Parse(ip);
        Assert.Equal(expected, _ids.For(Day, address, userAgent));
        Assert.Equal(expected, _ids.For(Day, address, userAgent));
    }

    [Fact]
    public void A_long_user_agent_is_hashed_whole()
    {
        var agent = new string('a', 3000);
        Assert.NotEqual(_ids.For(Day, null, agent), _ids.For(Day, null, agent + "b"));
    }

    public void Dispose() => _ids.Dispose();
}
