namespace AmazonScale.FlashSale.Domain;

/// <summary>User agents no shopper's browser sends: missing, or naming a crawler, an HTTP library or a headless browser.</summary>
public static class BotUserAgents
{
    public const int MaxLength = 512;

    private static readonly string[] Markers =
    [
        "bot", "crawler", "spider", "scrapy", "curl/", "wget/", "python-requests", "python-urllib", "aiohttp", "go-http-client",
        "java/", "okhttp", "libwww", "httpie", "headlesschrome", "phantomjs", "selenium", "puppeteer", "playwright",
    ];

    public static bool IsObviousBot(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent)
        || userAgent.Length > MaxLength
        || Markers.Any(marker => userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase));
}
