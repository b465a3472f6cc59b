using System.Security.Claims;
using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Events;
using AmazonScale.UrlShortener.Idempotency;
using AmazonScale.UrlShortener.Owners;
using AmazonScale.UrlShortener.State;
using AmazonScale.UrlShortener.Urls;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AmazonScale.UrlShortener;

/// <summary>/api/v1/urls: an owner's short URLs (X-Api-Key). Also maps the other feature groups of the service.</summary>
public static class UrlShortenerApi
{
    public const int MaxBulkItems = 1000;
    public const int MaxPageSize = 100;
    public const long MaxCreateBody = 64 * 1024;
    public const long MaxBulkBody = 4 * 1024 * 1024;

    public static WebApplication MapUrlShortenerApi(this WebApplication app)
    {
        app.MapOpenApi();
        var urls = app.MapGroup("/api/v1/urls").WithTags("URLs").RequireAuthorization(ApiKeyAuthenticationHandler.SchemeName);

        urls.MapPost("/", CreateUrl).WithName(nameof(CreateUrl)).WithSummary("Shorten a URL")
            .AddEndpointFilter<IdempotencyFilter>().WithMetadata(new RequestSizeLimitAttribute(MaxCreateBody));
        urls.MapPost("/bulk", CreateUrls).WithName(nameof(CreateUrls)).WithSummary($"Shorten up to {MaxBulkItems} URLs, with a status per item")
            .AddEndpointFilter<IdempotencyFilter>().WithMetadata(new RequestSizeLimitAttribute(MaxBulkBody));
        urls.MapGet("/", ListUrls).WithName(nameof(ListUrls)).WithSummary("List your URLs, newest first, optionally by tag");
        urls.MapGet("/{code}", GetUrl).WithName(nameof(GetUrl)).WithSummary("Get one of your URLs");
        urls.MapPut("/{code}", UpdateUrl).WithName(nameof(UpdateUrl)).WithSummary("Replace the editable fields of one of your URLs")
            .WithMetadata(new RequestSizeLimitAttribute(MaxCreateBody));
        urls.MapDelete("/{code}", DeleteUrl).WithName(nameof(DeleteUrl)).WithSummary("Delete one of your URLs (it answers 410 until purged)");

        app.MapAnalyticsApi();
        app.MapOwnerApi();
        app.MapRedirects();
        app.MapUrlShortenerEvents();
        return app;
    }

    public static async Task<Results<Created<UrlResponse>, ProblemHttpResult>> CreateUrl(
        CreateUrlRequest request, ClaimsPrincipal user, HttpResponse response, UrlCreation creation, UrlLinks links, CancellationToken cancellationToken)
    {
        var (results, quota) = await creation.CreateAsync(user, [request], cancellationToken);
        var result = ToItem(0, results[0], quota, response, links);
        return result.Url is { } url
            ? TypedResults.Created($"/api/v1/urls/{url.Code}", url)
            : TypedResults.Problem(result.Problem!);
    }

    public static async Task<Results<Ok<BulkCreateResponse>, ProblemHttpResult>> CreateUrls(
        BulkCreateRequest request, ClaimsPrincipal user, HttpResponse response, UrlCreation creation, UrlLinks links, CancellationToken cancellationToken)
    {
        if (request.Items is not { Count: > 0 and <= MaxBulkItems } items)
        {
            return TypedResults.Problem(Problems.Invalid("items", $"items must hold 1-{MaxBulkItems} URLs."));
        }
        var (results, quota) = await creation.CreateAsync(user, items, cancellationToken);
        var outcomes = results.Select((result, index) => ToItem(index, result, quota, response, links)).ToList();
        var created = outcomes.Count(item => item.Url is not null);
        return TypedResults.Ok(new BulkCreateResponse(created, outcomes.Count - created, outcomes));
    }

    public static async Task<Results<Ok<UrlPage>, ProblemHttpResult>> ListUrls(
        ClaimsPrincipal user, OwnerIndex index, UrlLinks links, StateDocuments state,
        string? tag, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken cancellationToken)
    {
        if (tag is not null && !UrlDraft.IsValidTag(tag))
        {
            return TypedResults.Problem(Problems.Invalid("tag", "tag is not a valid tag."));
        }
        if (page is < 1 or > 100_000 || pageSize is < 1 or > MaxPageSize)
        {
            return TypedResults.Problem(Problems.Invalid("page", $"page must be at least 1 and page_size 1-{MaxPageSize}."));
        }
        var (number, size) = (page ?? 1, pageSize ?? 20);
        var entries = await index.ListAsync(user.OwnerId(), tag, cancellationToken);
        var codes = entries.Skip((number - 1) * size).Take(size).Select(entry => StateKeys.Url(entry.Code)).ToList();
        var documents = await state.GetManyAsync<ShortUrl>(codes, cancellationToken);
        var items = codes.Where(documents.ContainsKey).Select(key => links.ToResponse(documents[key])).ToList();
        return TypedResults.Ok(new UrlPage(items, number, size, entries.Count));
    }

    public static async Task<Results<Ok<UrlResponse>, ProblemHttpResult>> GetUrl(
        string code, ClaimsPrincipal user, UrlCatalog catalog, UrlLinks links, CancellationToken cancellationToken)
    {
        var access = await catalog.FindAsync(user.OwnerId(), code, cancellationToken);
        return access.Url is { } url && access.Access is Access.Granted or Access.Deleted
            ? TypedResults.Ok(links.ToResponse(url))
            : Problems.ForAccess(access, code)!;
    }

    public static async Task<Results<Ok<UrlResponse>, ProblemHttpResult>> UpdateUrl(
        string code, UpdateUrlRequest request, ClaimsPrincipal user, UrlCatalog catalog, UrlLinks links, CancellationToken cancellationToken)
    {
        var (draft, errors) = await catalog.DraftAsync(request.Url, request.Description, request.Tags, request.ExpiresAt, request.MaxVisits, request.ForwardQuery, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.Problem(Problems.Invalid(errors));
        }
        var access = await catalog.UpdateAsync(user.OwnerId(), code, draft, cancellationToken);
        return Problems.ForAccess(access, code) is { } problem ? problem : TypedResults.Ok(links.ToResponse(access.Url!));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteUrl(
        string code, ClaimsPrincipal user, UrlCatalog catalog, CancellationToken cancellationToken)
    {
        var access = await catalog.DeleteAsync(user.OwnerId(), code, cancellationToken);
        return Problems.ForAccess(access, code) is { } problem ? problem : TypedResults.NoContent();
    }

    /// <summary>One create's answer as it appears in a bulk response; also writes the quota headers.</summary>
    private static BulkItemResult ToItem(int index, CreateItemResult result, QuotaDecision quota, HttpResponse response, UrlLinks links)
    {
        RateLimitHeaders.Write(response, quota);
        if (result.QuotaExceeded)
        {
            RateLimitHeaders.WriteRetryAfter(response, quota);
            return new BulkItemResult(index, StatusCodes.Status429TooManyRequests, null, Problems.QuotaExceeded(quota.Limit));
        }
        var outcome = result.Outcome!;
        return outcome.Status switch
        {
            CreateStatus.Created => new BulkItemResult(index, StatusCodes.Status201Created, links.ToResponse(outcome.Url!), null),
            CreateStatus.AliasTaken => new BulkItemResult(index, StatusCodes.Status409Conflict, null, Problems.AliasTaken()),
            _ => new BulkItemResult(index, StatusCodes.Status400BadRequest, null, Problems.Invalid(outcome.Errors!)),
        };
    }
}
