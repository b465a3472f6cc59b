using Microsoft.AspNetCore.Http;

namespace AmazonScale.Sidecar.Errors;

/// <summary>Writes daprd's HTTP error body: {"errorCode":"ERR_…","message":"…"}.</summary>
public static class DaprErrorResults
{
    public static IResult ToResult(this DaprError error) =>
        Results.Json(new ErrorBody(error.ErrorCode, error.Message), statusCode: error.HttpStatus);

    public static Task WriteAsync(HttpContext context, DaprError error)
    {
        context.Response.StatusCode = error.HttpStatus;
        return context.Response.WriteAsJsonAsync(new ErrorBody(error.ErrorCode, error.Message));
    }

    private sealed record ErrorBody(string ErrorCode, string Message);
}
