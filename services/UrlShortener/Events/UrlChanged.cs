namespace AmazonScale.UrlShortener.Events;

/// <summary>A code was created, edited, deleted or capped. Published on "broadcast" so every instance drops its cached copy.</summary>
public sealed record UrlChanged(string Code, DateTimeOffset ChangedAt);
