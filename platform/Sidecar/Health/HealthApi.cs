using AmazonScale.Sidecar.AppChannel;
using AmazonScale.Sidecar.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Sidecar.Health;

/// <summary>
/// /v1.0/healthz: 204 only once the app answered and its config and subscriptions were loaded;
/// /v1.0/healthz/outbound: 204 as soon as the building blocks are usable (components load before the port opens).
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1.0/healthz", Readiness);
        endpoints.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
        return endpoints;
    }

    private static IResult Readiness(SidecarReadiness readiness, Hosting.SidecarOptions options, string? appid)
    {
        if (appid is not null && !string.Equals(appid, options.AppId, StringComparison.Ordinal))
        {
            return new DaprError("ERR_HEALTH_APPID_NOT_MATCH", 500, global::Grpc.Core.StatusCode.Internal, "dapr app-id does not match").ToResult();
        }
        return readiness.IsReady ? Results.NoContent() : CommonErrors.NotReady().ToResult();
    }
}
