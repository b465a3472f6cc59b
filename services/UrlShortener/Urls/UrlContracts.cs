using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Urls;

// The JSON contract of /api/v1/urls (snake_case on the wire, see AddUrlShortener).

/// <summary>Marks request bodies whose fingerprint an Idempotency-Key is bound to.</summary>
public interface IIdempotentRequest;

public sealed record CreateUrlRequest(
    string? Url,
    string? CustomAlias = null,
    DateTimeOffset? ExpiresAt = null,
    long? MaxVisits = null,
    string? Description = null,
    List<string?>? Tags = null,
    string? Domain = null,
    bool? ForwardQuery = null) : IIdempotentRequest;

public sealed record UpdateUrlRequest(
    string? Url,
    DateTimeOffset? ExpiresAt = null,
    long? MaxVisits = null,
    string? Description = null,
    List<string?>? Tags = null,
    bool? ForwardQuery = null);

public sealed record BulkCreateRequest(List<CreateUrlRequest?>? Items) : IIdempotentRequest;

public sealed record UrlResponse(
    string Code,
    string ShortUrl,
    string Url,
    string? Domain,
    string? Description,
    IReadOnlyList<string> Tags,
    DateTimeOffset? ExpiresAt,
    long? MaxVisits,
    bool ForwardQuery,
    UrlStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record UrlPage(IReadOnlyList<UrlResponse> Items, int Page, int PageSize, int Total);

/// <summary>One item's outcome in a bulk create: the status it would have had alone, and either the URL or the problem.</summary>
public sealed record BulkItemResult(int Index, int Status, UrlResponse? Url, Microsoft.AspNetCore.Mvc.ProblemDetails? Problem);

public sealed record BulkCreateResponse(int Created, int Failed, IReadOnlyList<BulkItemResult> Results);
