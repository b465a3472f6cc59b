using AmazonScale.RateLimiter.Policies;
using Dapr;
using Microsoft.AspNetCore.Diagnostics;

namespace AmazonScale.RateLimiter;

/// <summary>Turns the failures callers can act on into problem+json: concurrent edits (409), sidecar/store unavailable (503).</summary>
public sealed class ExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            PolicyConflictException => (StatusCodes.Status409Conflict, "Concurrent change"),
            DaprException or HttpRequestException => (StatusCodes.Status503ServiceUnavailable, "Policy store unavailable"),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = exception is PolicyConflictException ? exception.Message : "The Dapr sidecar or state store did not answer; retry later." },
        });
    }
}
