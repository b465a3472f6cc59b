using Microsoft.AspNetCore.Http;

namespace AmazonScale.Sidecar.Discovery;

/// <summary>Rejects calls to the private peer endpoints that do not carry the machine key.</summary>
public sealed class PeerAuthenticationMiddleware(RequestDelegate next, PeerAuthentication peers)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(PeerAuthentication.PathPrefix) && !peers.IsAuthorized(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
