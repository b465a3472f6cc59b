using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>What the redirect path needs about a code, small enough to cache by the hundred thousand.</summary>
public sealed record RedirectTarget(string Code, string Target, string? Domain, bool ForwardQuery, DateTimeOffset? ExpiresAt, bool Gone, long? MaxVisits)
{
    public static RedirectTarget From(ShortUrl url) => new(
        url.Code, url.Target, url.Domain, url.ForwardQuery, url.ExpiresAt, url.DeletedAt is not null || url.VisitCapReachedAt is not null, url.MaxVisits);

    public bool IsGoneAt(DateTimeOffset now) => Gone || ExpiresAt <= now;

    /// <summary>The Location to send, with the visitor's query string appended when the owner asked for it.</summary>
    public string LocationFor(QueryString query)
    {
        if (!ForwardQuery || !query.HasValue)
        {
            return Target;
        }
        var fragment = Target.IndexOf('#');
        var (head, tail) = fragment < 0 ? (Target, "") : (Target[..fragment], Target[fragment..]);
        var separator = head.Contains('?') ? "&" : "?";
        return head + separator + query.Value![1..] + tail;
    }
}
