namespace AmazonScale.UrlShortener.Domain;

/// <summary>What a click's User-Agent says about the client, in the coarse classes analytics reports.</summary>
public sealed record ClientClass(bool IsBot, string Device, string Browser, string OperatingSystem);

/// <summary>
/// Substring rules over the User-Agent, ordered from most to least specific (Edge and Opera embed
/// "Chrome", Chrome embeds "Safari", Android tablets lack "Mobile"). Good enough for dashboards; not a
/// device database.
/// </summary>
public static class UserAgentClassifier
{
    public const string Unknown = "unknown";

    private static readonly string[] BotMarkers =
    [
        "bot", "crawler", "spider", "slurp", "facebookexternalhit", "embedly", "preview", "headlesschrome",
        "curl/", "wget/", "python-requests", "python-urllib", "go-http-client", "okhttp", "java/", "libwww",
        "httpclient", "scrapy", "lighthouse", "pingdom", "uptime", "monitor", "whatsapp", "bitlybot",
    ];

    private static readonly (string Marker, string Name)[] Browsers =
    [
        ("edg/", "Edge"), ("edge/", "Edge"), ("opr/", "Opera"), ("opera", "Opera"), ("samsungbrowser", "Samsung Internet"),
        ("firefox/", "Firefox"), ("fxios", "Firefox"), ("crios", "Chrome"), ("chrome/", "Chrome"), ("chromium", "Chrome"),
        ("safari/", "Safari"), ("msie", "Internet Explorer"), ("trident/", "Internet Explorer"),
    ];

    private static readonly (string Marker, string Name)[] OperatingSystems =
    [
        ("windows", "Windows"), ("iphone", "iOS"), ("ipad", "iOS"), ("ipod", "iOS"), ("android", "Android"),
        ("cros", "ChromeOS"), ("mac os x", "macOS"), ("macintosh", "macOS"), ("linux", "Linux"),
    ];

    public static ClientClass Classify(string? userAgent)
    {
        var ua = userAgent?.ToLowerInvariant() ?? "";
        if (ua.Length == 0)
        {
            // Browsers always send one; an empty User-Agent is a script.
            return new ClientClass(true, Unknown, Unknown, Unknown);
        }
        var isBot = BotMarkers.Any(ua.Contains);
        return new ClientClass(isBot, isBot ? "bot" : DeviceOf(ua), FirstMatch(ua, Browsers), FirstMatch(ua, OperatingSystems));
    }

    private static string DeviceOf(string ua) => ua switch
    {
        _ when ua.Contains("ipad") || ua.Contains("tablet") || (ua.Contains("android") && !ua.Contains("mobile")) => "tablet",
        _ when ua.Contains("mobi") || ua.Contains("iphone") || ua.Contains("ipod") => "mobile",
        _ when ua.Contains("windows") || ua.Contains("macintosh") || ua.Contains("x11") || ua.Contains("cros") || ua.Contains("linux") => "desktop",
        _ => Unknown,
    };

    private static string FirstMatch(string ua, (string Marker, string Name)[] rules) =>
        rules.FirstOrDefault(rule => ua.Contains(rule.Marker)).Name ?? Unknown;
}
