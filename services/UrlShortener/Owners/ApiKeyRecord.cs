namespace AmazonScale.UrlShortener.Owners;

/// <summary>What we keep about an API key, stored under the SHA-256 of the key (the key itself is never stored).</summary>
public sealed record ApiKeyRecord(string OwnerId, string Name, long MonthlyQuota, DateTimeOffset CreatedAt);
