namespace AmazonScale.UrlShortener.Events;

/// <summary>
/// A redirect happened. Travels inside a <see cref="UrlVisitBatch"/>; carries the anonymised IP and a keyed per-day
/// visitor hash, never the raw IP.
/// </summary>
public sealed record UrlVisited(
    string Code,
    DateTimeOffset OccurredAt,
    string? Referrer,
    string? UserAgent,
    string? AnonymizedIp,
    string VisitorId,
    string? Country);
