namespace AmazonScale.UrlShortener;

/// <summary>Configuration section "UrlShortener".</summary>
public sealed class UrlShortenerOptions
{
    public const string Section = "UrlShortener";

    /// <summary>Secret for the admin endpoints (X-Admin-Key). Empty disables them.</summary>
    public string AdminKey { get; set; } = "";

    /// <summary>Base of the short links we hand out, e.g. https://sho.rt (codes appear as {base}/r/{code}).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5201";

    /// <summary>Hosts that are this service; targets on them (or their subdomains) would loop and are refused.</summary>
    public List<string> OwnDomains { get; set; } = [];

    /// <summary>Key for the daily visitor-id HMAC. Empty: a random key per process start (uniques then reset on restart).</summary>
    public string VisitorIdSecret { get; set; } = "";

    /// <summary>How long deleted and expired URLs stay visible (410) before the state store purges them.</summary>
    public TimeSpan DeletedRetention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    public int DefaultMonthlyQuota { get; set; } = 10_000;

    /// <summary>Most redirect targets kept in memory per instance.</summary>
    public int RedirectCacheEntries { get; set; } = 100_000;

    /// <summary>Clicks waiting to be published; beyond this, clicks are dropped (and counted) rather than slowing redirects.</summary>
    public int ClickQueueCapacity { get; set; } = 50_000;

    /// <summary>
    /// Least time between the starts of two analytics group commits: longer means fewer day-document writes per click
    /// when clicks spread over many codes, for up to that much more analytics lag and larger groups. Under load the
    /// aggregator also waits three times as long as its last group took (at most 1 s), so groups space out by themselves
    /// (bench/RESULTS.md, session 6).
    /// </summary>
    public TimeSpan AnalyticsGroupInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Whether this instance consumes the click stream (subscribes to the visit-batch topic and runs the analytics
    /// aggregator). False makes it a redirect edge: it still serves the whole API, publishes clicks and takes cache
    /// invalidations, while an instance of the same app id with true folds the clicks, in its own process, so the
    /// aggregator's allocations and GC pauses never stall a redirect (README, "Topology").
    /// </summary>
    public bool ConsumeVisits { get; set; } = true;

    public IReadOnlyCollection<string> OwnHosts() =>
        [.. OwnDomains, .. Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) ? [uri.IdnHost.ToLowerInvariant()] : Array.Empty<string>()];
}
