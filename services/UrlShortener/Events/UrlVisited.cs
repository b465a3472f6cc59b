namespace AmazonScale.UrlShortener.Events;

/// <summary>
/// A redirect happened. Published on "pubsub" (one instance aggregates each event). Carries the
/// anonymised IP and a keyed per-day visitor hash, never the raw IP.
/// </summary>
public sealed record UrlVisited(
    string EventId,
    string Code,
    DateTimeOffset OccurredAt,
    string? Referrer,
    string? UserAgent,
    string? AnonymizedIp,
    string VisitorId,
    string? Country);
