using System.Security.Cryptography;
using System.Text;
using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Events;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>Turns a redirect request into a UrlVisited event and queues it; costs microseconds, never I/O.</summary>
public sealed class ClickRecorder(ClickQueue queue, TimeProvider time, IOptions<UrlShortenerOptions> options)
{
    private const int MaxUserAgentLength = 512;
    private static readonly string[] CountryHeaders = ["CF-IPCountry", "CloudFront-Viewer-Country"];

    private readonly byte[] _visitorSecret = options.Value.VisitorIdSecret is { Length: > 0 } secret
        ? Encoding.UTF8.GetBytes(secret)
        : RandomNumberGenerator.GetBytes(32);

    public void Record(string code, HttpContext http)
    {
        var now = time.GetUtcNow();
        var request = http.Request;
        var ip = http.Connection.RemoteIpAddress;
        var userAgent = Truncate(request.Headers.UserAgent.ToString(), MaxUserAgentLength);
        var country = CountryHeaders.Select(header => request.Headers[header].ToString()).FirstOrDefault(value => value.Length > 0);
        queue.Enqueue(new UrlVisited(
            Guid.NewGuid().ToString("N"),
            code,
            now,
            Truncate(request.Headers.Referer.ToString(), TargetUrl.MaxLength),
            userAgent,
            VisitorIdentity.AnonymizeIp(ip),
            VisitorIdentity.DailyVisitorId(_visitorSecret, DateOnly.FromDateTime(now.UtcDateTime), ip, userAgent),
            country is null ? null : DailyVisits.CountryCode(country)));
    }

    private static string? Truncate(string value, int length) => value.Length == 0 ? null : value[..Math.Min(value.Length, length)];
}
