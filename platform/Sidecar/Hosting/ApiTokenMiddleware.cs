using Microsoft.AspNetCore.Http;

namespace AmazonScale.Sidecar.Hosting;

/// <summary>
/// DAPR_API_TOKEN enforcement on the HTTP API: a missing or wrong dapr-api-token header gets 401
/// "invalid api token", health probes are exempt, and the header is removed so it never reaches the app.
/// Peer calls between sidecars carry the machine key instead (PeerAuthenticationMiddleware).
/// </summary>
public sealed class ApiTokenMiddleware(RequestDelegate next, ApiTokenVerifier tokens)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var exempt = context.Request.Path.StartsWithSegments("/v1.0/healthz")
            || context.Request.Path.StartsWithSegments(Discovery.PeerAuthentication.PathPrefix);
        if (!exempt && !tokens.Matches(context.Request.Headers[ApiTokenVerifier.HeaderName]))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("invalid api token");
            return;
        }
        context.Request.Headers.Remove(ApiTokenVerifier.HeaderName);
        await next(context);
    }
}
