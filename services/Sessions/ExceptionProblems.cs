using Dapr;
using Microsoft.AspNetCore.Diagnostics;

namespace AmazonScale.Sessions;

/// <summary>A sidecar or actor that does not answer is a 503 problem the caller can retry, not an opaque 500.</summary>
public sealed class ExceptionProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (DaprException or DaprApiException or HttpRequestException))
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Session store unavailable",
                Detail = "The Dapr sidecar or an actor did not answer; retry later.",
            },
        });
    }
}
