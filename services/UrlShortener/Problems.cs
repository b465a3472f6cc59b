using AmazonScale.UrlShortener.Urls;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AmazonScale.UrlShortener;

/// <summary>The RFC 9457 problems this API answers with, worded once.</summary>
public static class Problems
{
    public static ProblemDetails NotFound(string code) => New(404, "Not found", $"No short URL '{code}'.");

    public static ProblemDetails Forbidden(string code) => New(403, "Forbidden", $"Short URL '{code}' belongs to another owner.");

    public static ProblemDetails Gone(string code) => New(410, "Gone", $"Short URL '{code}' has expired, reached its visit cap or was deleted.");

    public static ProblemDetails Unavailable() => New(503, "Service unavailable", "The short URL could not be looked up; try again.");

    public static ProblemDetails AliasTaken() => New(409, "Alias taken", "custom_alias is already in use.");

    public static ProblemDetails QuotaExceeded(long limit) => New(429, "Quota exceeded", $"This API key's monthly quota of {limit} URLs is used up.");

    /// <summary>A 400 listing every invalid field. The errors travel as an extension member so they survive wherever the problem is embedded (bulk items).</summary>
    public static ProblemDetails Invalid(IDictionary<string, string[]> errors) => new()
    {
        Status = 400,
        Title = "Invalid request",
        Detail = "One or more fields are invalid; see errors.",
        Extensions = { ["errors"] = errors },
    };

    public static ProblemDetails Invalid(string field, string error) => Invalid(new Dictionary<string, string[]> { [field] = [error] });

    /// <summary>The problem for a code the caller may not use, or null when access was granted.</summary>
    public static ProblemHttpResult? ForAccess(UrlAccess access, string code) => access.Access switch
    {
        Access.NotFound => TypedResults.Problem(NotFound(code)),
        Access.Forbidden => TypedResults.Problem(Forbidden(code)),
        Access.Deleted => TypedResults.Problem(Gone(code)),
        _ => null,
    };

    private static ProblemDetails New(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
