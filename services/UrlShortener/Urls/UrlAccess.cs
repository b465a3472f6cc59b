using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Urls;

public enum Access
{
    Granted,
    NotFound,
    Forbidden,
    Deleted,
}

/// <summary>A caller's view of a code: the URL when it is theirs, otherwise why not.</summary>
public sealed record UrlAccess(Access Access, ShortUrl? Url = null)
{
    public static UrlAccess Check(ShortUrl? url, string ownerId) => url switch
    {
        null => new(Access.NotFound),
        _ when url.OwnerId != ownerId => new(Access.Forbidden),
        { DeletedAt: not null } => new(Access.Deleted, url),
        _ => new(Access.Granted, url),
    };
}
