using System.Buffers;

namespace AmazonScale.FlashSale.Domain;

/// <summary>User agents no shopper's browser sends: missing, or naming a crawler, an HTTP library or a headless browser.</summary>
public static class BotUserAgents
{
    public const int MaxLength = 512;

    /// <summary>Every join is checked against all of them: one multi-string search instead of a case-insensitive scan per marker.</summary>
    private static readonly SearchValues<string> Markers = SearchValues.Create(
        [
            "bot", "crawler", "spider", "scrapy", "curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "go-http-client",
            "java/", "okhttp", "libwww", "httpie", "headlesschrome", "phantomjs", "selenium", "puppeteer", "playwright",
        ],
        StringComparison.OrdinalIgnoreCase);

    public static bool IsObviousBot(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent)
        || userAgent.Length > MaxLength
        || userAgent.AsSpan().ContainsAny(Markers);
}
