using AmazonScale.UrlShortener.Domain;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Urls;

/// <summary>Renders stored URLs for owners, with the short link people will click.</summary>
public sealed class UrlLinks(IOptions<UrlShortenerOptions> options, TimeProvider time)
{
    private readonly string _base = options.Value.PublicBaseUrl.TrimEnd('/');

    public UrlResponse ToResponse(ShortUrl url) => new(
        url.Code,
        url.Domain is null ? $"{_base}/r/{url.Code}" : $"https://{url.Domain}/{url.Code}",
        url.Target,
        url.Domain,
        url.Description,
        url.Tags,
        url.ExpiresAt,
        url.MaxVisits,
        url.ForwardQuery,
        url.StatusAt(time.GetUtcNow()),
        url.CreatedAt,
        url.UpdatedAt);
}
