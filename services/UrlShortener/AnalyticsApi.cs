using System.Security.Claims;
using AmazonScale.UrlShortener.Analytics;
using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Owners;
using AmazonScale.UrlShortener.Urls;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.UrlShortener;

/// <summary>/api/v1/analytics: visit reports for an owner's codes.</summary>
public static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/v1/analytics").WithTags("Analytics").RequireAuthorization(ApiKeyAuthenticationHandler.SchemeName);
        analytics.MapGet("/{code}", GetAnalytics).WithName(nameof(GetAnalytics))
            .WithSummary("Visits, unique visitors, timeline and breakdowns of one of your codes (granularity hour, day or week)");
        return app;
    }

    public static async Task<Results<Ok<AnalyticsReport>, ProblemHttpResult>> GetAnalytics(
        string code, DateOnly? from, DateOnly? to, string? granularity, ClaimsPrincipal user,
        UrlCatalog catalog, AnalyticsReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!AnalyticsRange.TryCreate(from, to, granularity, today, out var range, out var errors))
        {
            return TypedResults.Problem(Problems.Invalid(errors));
        }
        var access = await catalog.FindAsync(user.OwnerId(), code, cancellationToken);
        if (access.Access is Access.NotFound or Access.Forbidden)
        {
            return Problems.ForAccess(access, code)!;
        }
        return TypedResults.Ok(await reader.ReadAsync(code, range, cancellationToken));
    }
}
