using AmazonScale.UrlShortener.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>
/// The redirect handlers, on a singleton so that a redirect resolves nothing from the request's services. The
/// endpoints are short-circuited (no middleware after routing), so a failure to look a code up is answered here as
/// a problem rather than by the exception handler.
/// </summary>
public sealed partial class ShortLinkRedirects(RedirectCache cache, ClickRecorder clicks, UrlShortenerMetrics metrics, TimeProvider time, ILogger<ShortLinkRedirects> logger)
{
    public const string NoStore = "private, max-age=0";

    public ValueTask<Results<FoundResult, ProblemHttpResult>> FollowShortLink(string code, HttpContext http) =>
        FollowAsync(code, requiredDomain: null, http);

    public ValueTask<Results<FoundResult, ProblemHttpResult>> FollowBrandedLink(string code, HttpContext http) =>
        FollowAsync(code, http.Request.Host.Host.TrimEnd('.').ToLowerInvariant(), http);

    private async ValueTask<Results<FoundResult, ProblemHttpResult>> FollowAsync(string code, string? requiredDomain, HttpContext http)
    {
        http.Response.Headers.CacheControl = NoStore;
        RedirectTarget? target;
        try
        {
            target = ShortCode.IsWellFormed(code) ? await cache.FindAsync(code) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLookupFailed(logger, code, ex);
            metrics.Redirected("unavailable");
            return TypedResults.Problem(Problems.Unavailable());
        }
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
        return new FoundResult(target.LocationFor(http.Request.QueryString));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not look up short code {Code}.")]
    private static partial void LogLookupFailed(ILogger logger, string code, Exception exception);
}
