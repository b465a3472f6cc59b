using System.Security.Cryptography;
using System.Text;
using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Events;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>
/// Captures a redirect as a <see cref="Click"/> and queues it (microseconds, no I/O, no hashing); the publisher
/// later turns each click into its UrlVisited event off the request path (<see cref="ToEvent"/>).
/// </summary>
public sealed class ClickRecorder(ClickQueue queue, TimeProvider time, IOptions<UrlShortenerOptions> options)
{
    private const int MaxUserAgentLength = 512;

    private readonly byte[] _visitorSecret = options.Value.VisitorIdSecret is { Length: > 0 } secret
        ? Encoding.UTF8.GetBytes(secret)
        : RandomNumberGenerator.GetBytes(32);

    public void Record(string code, HttpContext http)
    {
        var headers = http.Request.Headers;
        var country = headers["CF-IPCountry"].ToString() is { Length: > 0 } cloudflare ? cloudflare : headers["CloudFront-Viewer-Country"].ToString();
        queue.Enqueue(new Click(
            code,
            time.GetUtcNow(),
            Truncate(headers.Referer.ToString(), TargetUrl.MaxLength),
            Truncate(headers.UserAgent.ToString(), MaxUserAgentLength),
            http.Connection.RemoteIpAddress,
            country.Length > 0 ? country : null));
    }

    /// <summary>Visitor ids under this process's secret, for one publisher (not thread-safe).</summary>
    public DailyVisitorIds NewVisitorIds() => new(_visitorSecret);

    public static UrlVisited ToEvent(Click click, DailyVisitorIds visitorIds) => new(
        click.Code,
        click.OccurredAt,
        click.Referrer,
        click.UserAgent,
        VisitorIdentity.AnonymizeIp(click.Address),
        visitorIds.For(DateOnly.FromDateTime(click.OccurredAt.UtcDateTime), click.Address, click.UserAgent),
        click.Country is null ? null : DailyVisits.CountryCode(click.Country));

    private static string? Truncate(string value, int length) => value.Length == 0 ? null : value[..Math.Min(value.Length, length)];
}
