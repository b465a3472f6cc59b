namespace AmazonScale.UrlShortener.Domain;

public enum UrlStatus
{
    Active,
    Expired,
    VisitCapReached,
    Deleted,
}

/// <summary>A short URL as stored under its code. Deletion is soft (DeletedAt) until the tombstone's TTL purges it.</summary>
public sealed record ShortUrl(
    string Code,
    string OwnerId,
    string Target,
    string? Domain,
    string? Description,
    IReadOnlyList<string> Tags,
    DateTimeOffset? ExpiresAt,
    long? MaxVisits,
    bool ForwardQuery,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? VisitCapReachedAt = null,
    DateTimeOffset? DeletedAt = null)
{
    public UrlStatus StatusAt(DateTimeOffset now) => this switch
    {
        { DeletedAt: not null } => UrlStatus.Deleted,
        { VisitCapReachedAt: not null } => UrlStatus.VisitCapReached,
        { ExpiresAt: { } expiry } when expiry <= now => UrlStatus.Expired,
        _ => UrlStatus.Active,
    };

    public ShortUrl WithDraft(UrlDraft draft, DateTimeOffset now) => this with
    {
        Target = draft.Target,
        Description = draft.Description,
        Tags = draft.Tags,
        ExpiresAt = draft.ExpiresAt,
        MaxVisits = draft.MaxVisits,
        ForwardQuery = draft.ForwardQuery,
        UpdatedAt = now,
        // A raised cap re-opens the URL; the analytics counter decides again on the next visit.
        VisitCapReachedAt = draft.MaxVisits == MaxVisits ? VisitCapReachedAt : null,
    };

    /// <summary>
    /// How long the stored document should live: forever while usable; once it can never redirect again
    /// (deleted, or past its expiry) it is kept for <paramref name="retention"/> so owners still see it, then purged.
    /// </summary>
    public TimeSpan? TimeToLive(DateTimeOffset now, TimeSpan retention)
    {
        var deadEnd = DeletedAt ?? ExpiresAt;
        if (deadEnd is null)
        {
            return null;
        }
        var ttl = deadEnd.Value + retention - now;
        return ttl > TimeSpan.FromSeconds(1) ? ttl : TimeSpan.FromSeconds(1);
    }
}
