using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.Dashboard.Api;

/// <summary>RFC 9457 problem results shared by the JSON API.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static ProblemHttpResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict", detail);

    private static ProblemHttpResult Create(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
