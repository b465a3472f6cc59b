using System.Text.Json.Serialization;

namespace AmazonScale.UrlShortener.Events;

/// <summary>
/// A redirect happened. Travels inside a <see cref="UrlVisitBatch"/>; carries the anonymised IP and a keyed per-day
/// visitor hash, never the raw IP. Absent values are left out rather than written as null: every click is encoded and
/// decoded several times on its way to the aggregator (service, sidecar, delivery), and most lack a referrer or country.
/// </summary>
public sealed record UrlVisited(
    string Code,
    DateTimeOffset OccurredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Referrer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserAgent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AnonymizedIp,
    string VisitorId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Country);
