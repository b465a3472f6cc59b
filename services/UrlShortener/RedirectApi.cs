using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Redirects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.UrlShortener;

/// <summary>
/// The hot path: GET /r/{code} on our host and GET /{code} on branded hosts answer 302 from the
/// in-process cache; the click is queued, never awaited.
/// </summary>
public static class RedirectApi
{
    public const string NoStore = "private, max-age=0";

    public static IEndpointRouteBuilder MapRedirects(this IEndpointRouteBuilder app)
    {
        app.MapGet("/r/{code}", FollowShortLink).WithName(nameof(FollowShortLink)).WithTags("Redirects")
            .WithSummary("Redirect (302) to the target of a code");
        app.MapGet("/{code}", FollowBrandedLink).WithName(nameof(FollowBrandedLink)).WithTags("Redirects")
            .WithSummary("Redirect (302) on a branded domain: the code must belong to the Host asked for");
        return app;
    }

    public static Task<Results<RedirectHttpResult, ProblemHttpResult>> FollowShortLink(
        string code, HttpContext http, RedirectCache cache, ClickRecorder clicks, UrlShortenerMetrics metrics, TimeProvider time) =>
        FollowAsync(code, requiredDomain: null, http, cache, clicks, metrics, time);

    public static Task<Results<RedirectHttpResult, ProblemHttpResult>> FollowBrandedLink(
        string code, HttpContext http, RedirectCache cache, ClickRecorder clicks, UrlShortenerMetrics metrics, TimeProvider time) =>
        FollowAsync(code, http.Request.Host.Host.TrimEnd('.').ToLowerInvariant(), http, cache, clicks, metrics, time);

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> FollowAsync(
        string code, string? requiredDomain, HttpContext http, RedirectCache cache, ClickRecorder clicks, UrlShortenerMetrics metrics, TimeProvider time)
    {
        http.Response.Headers.CacheControl = NoStore;
        var target = ShortCode.IsWellFormed(code) ? await cache.FindAsync(code) : null;
        if (target is null || (requiredDomain is not null && target.Domain != requiredDomain))
        {
            metrics.Redirected("not_found");
            return TypedResults.Problem(Problems.NotFound(code));
        }
        if (target.IsGoneAt(time.GetUtcNow()))
        {
            metrics.Redirected("gone");
            return TypedResults.Problem(Problems.Gone(code));
        }
        clicks.Record(code, http);
        metrics.Redirected("redirected");
        return TypedResults.Redirect(target.LocationFor(http.Request.QueryString));
    }
}
