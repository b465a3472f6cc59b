using AmazonScale.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Dashboard.Api;

/// <summary>Every service.name seen in any signal: the resource filter of the telemetry pages.</summary>
internal static class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/services", (TelemetryStore telemetry) => TypedResults.Ok(telemetry.Services()))
            .WithTags("Telemetry").WithName("GetTelemetryServices").WithSummary("Service names that sent traces, logs or metrics.");
        return app;
    }
}
