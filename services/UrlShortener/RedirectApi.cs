using AmazonScale.UrlShortener.Redirects;

namespace AmazonScale.UrlShortener;

/// <summary>
/// The hot path: GET /r/{code} on our host and GET /{code} on branded hosts answer 302 from the
/// in-process cache; the click is queued, never awaited.
/// </summary>
public static class RedirectApi
{
    public static IEndpointRouteBuilder MapRedirects(this IEndpointRouteBuilder app)
    {
        var redirects = app.ServiceProvider.GetRequiredService<ShortLinkRedirects>();
        // Short-circuited: routing runs the handler at once, skipping the middleware after it (authentication,
        // authorization, exception and status-code pages, the Dapr token and CloudEvents middleware), none of which
        // applies to an anonymous GET that answers its own problems: ~6% of the service's CPU per redirect.
        app.MapGet("/r/{code}", redirects.FollowShortLink).WithName(nameof(ShortLinkRedirects.FollowShortLink)).WithTags("Redirects")
            .WithSummary("Redirect (302) to the target of a code").ShortCircuit();
        app.MapGet("/{code}", redirects.FollowBrandedLink).WithName(nameof(ShortLinkRedirects.FollowBrandedLink)).WithTags("Redirects")
            .WithSummary("Redirect (302) on a branded domain: the code must belong to the Host asked for").ShortCircuit();
        return app;
    }
}
