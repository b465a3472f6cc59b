using System.Security.Claims;
using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Owners;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener;

public sealed record CreateApiKeyRequest(string? Name, long? MonthlyQuota = null);

public sealed record ApiKeyCreated(string OwnerId, string Key, string Name, long MonthlyQuota, DateTimeOffset CreatedAt);

public sealed record RegisterDomainRequest(string? Host);

public sealed record DomainResponse(string Host, DateTimeOffset CreatedAt);

/// <summary>/api/v1/admin (X-Admin-Key) issues API keys; /api/v1/domains lets owners claim branded hosts.</summary>
public static class OwnerApi
{
    public const int MaxNameLength = 100;
    public const long MaxMonthlyQuota = 1_000_000_000;
    private const long MaxSmallBody = 8 * 1024;

    public static IEndpointRouteBuilder MapOwnerApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(AdminKeyAuthenticationHandler.SchemeName)
            .MapPost("/api-keys", CreateApiKey).WithName(nameof(CreateApiKey))
            .WithSummary("Issue an API key (returned once; only its SHA-256 is stored)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxSmallBody));
        app.MapGroup("/api/v1/domains").WithTags("Domains").RequireAuthorization(ApiKeyAuthenticationHandler.SchemeName)
            .MapPost("/", RegisterDomain).WithName(nameof(RegisterDomain))
            .WithSummary("Claim a branded domain for your links (first owner wins)")
            .WithMetadata(new RequestSizeLimitAttribute(MaxSmallBody));
        return app;
    }

    public static async Task<Results<Created<ApiKeyCreated>, ProblemHttpResult>> CreateApiKey(
        CreateApiKeyRequest request, ApiKeys keys, IOptions<UrlShortenerOptions> options, CancellationToken cancellationToken)
    {
        var quota = request.MonthlyQuota ?? options.Value.DefaultMonthlyQuota;
        if (request.Name is not { Length: > 0 and <= MaxNameLength } name || name.Any(char.IsControl) || quota is < 1 or > MaxMonthlyQuota)
        {
            return TypedResults.Problem(Problems.Invalid("name", $"name must be 1-{MaxNameLength} printable characters and monthly_quota 1-{MaxMonthlyQuota}."));
        }
        var (key, record) = await keys.CreateAsync(name, quota, cancellationToken);
        return TypedResults.Created((string?)null, new ApiKeyCreated(record.OwnerId, key, record.Name, record.MonthlyQuota, record.CreatedAt));
    }

    public static async Task<Results<Created<DomainResponse>, Ok<DomainResponse>, ProblemHttpResult>> RegisterDomain(
        RegisterDomainRequest request, ClaimsPrincipal user, DomainRegistry domains, IOptions<UrlShortenerOptions> options, CancellationToken cancellationToken)
    {
        if (!BrandedDomain.TryNormalize(request.Host, out var host) || TargetUrl.IsOwnHost(host, options.Value.OwnHosts()))
        {
            return TypedResults.Problem(Problems.Invalid("host", "host must be a DNS name you control, not one of ours."));
        }
        var ownerId = user.OwnerId();
        var (holder, claimed) = await domains.ClaimAsync(ownerId, host, cancellationToken);
        if (holder.OwnerId != ownerId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Domain taken", detail: $"'{host}' is registered by another owner.");
        }
        var response = new DomainResponse(holder.Host, holder.CreatedAt);
        return claimed ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }
}
