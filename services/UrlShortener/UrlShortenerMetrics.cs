using System.Diagnostics.Metrics;

namespace AmazonScale.UrlShortener;

/// <summary>Instruments on the Meter named after the app (ServiceDefaults exports that Meter).</summary>
public sealed class UrlShortenerMetrics
{
    private readonly Counter<long> _redirects;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _clicksDropped;
    private readonly Counter<long> _urlsCreated;

    public UrlShortenerMetrics(IMeterFactory meters, IHostEnvironment environment)
    {
        var meter = meters.Create(environment.ApplicationName);
        _redirects = meter.CreateCounter<long>("url_shortener.redirects", "{redirect}", "Redirect requests by outcome.");
        _cacheLookups = meter.CreateCounter<long>("url_shortener.cache.lookups", "{lookup}", "Redirect cache lookups by hit or miss.");
        _clicksDropped = meter.CreateCounter<long>("url_shortener.clicks.dropped", "{click}", "Clicks not published because the in-process queue was full.");
        _urlsCreated = meter.CreateCounter<long>("url_shortener.urls.created", "{url}", "Short URLs created.");
    }

    public void Redirected(string outcome) => _redirects.Add(1, new KeyValuePair<string, object?>("url_shortener.outcome", outcome));

    public void CacheLookup(bool hit) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("url_shortener.cache.result", hit ? "hit" : "miss"));

    public void ClickDropped() => _clicksDropped.Add(1);

    public void UrlCreated() => _urlsCreated.Add(1);
}
