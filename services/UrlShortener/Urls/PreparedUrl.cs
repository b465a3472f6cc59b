using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Urls;

/// <summary>A create request that passed every check and only needs its code claimed.</summary>
public sealed record PreparedUrl(UrlDraft Draft, string? Alias, string? Domain);
