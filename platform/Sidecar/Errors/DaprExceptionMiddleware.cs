using Microsoft.AspNetCore.Http;

namespace AmazonScale.Sidecar.Errors;

/// <summary>Turns DaprException and oversized bodies into daprd's HTTP error responses.</summary>
public sealed class DaprExceptionMiddleware(RequestDelegate next, Hosting.SidecarOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (DaprException ex) when (!context.Response.HasStarted)
        {
            await DaprErrorResults.WriteAsync(context, ex.Error);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await DaprErrorResults.WriteAsync(context, CommonErrors.BodyTooLarge(options.MaxRequestBodyBytes));
        }
    }
}
