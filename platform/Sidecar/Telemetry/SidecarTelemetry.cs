using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AmazonScale.Sidecar.Telemetry;

/// <summary>
/// The sidecar's own spans and metrics, exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set,
/// so a call shows as app → sidecar → sidecar → app in the trace view (daprd does the same with its tracing config).
/// </summary>
public static class SidecarTelemetry
{
    public const string SourceName = "AmazonScale.Sidecar";

    public static readonly ActivitySource Source = new(SourceName);

    public static IServiceCollection AddSidecarTelemetry(this IServiceCollection services, Hosting.SidecarOptions options, Hosting.DaprConfiguration configuration, Func<string, string?> environment)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME wins when the orchestrator sets it; daprd otherwise names spans after the app id.
                if (string.IsNullOrEmpty(environment("OTEL_SERVICE_NAME")))
                {
                    resource.AddService(options.AppId);
                }
            })
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(configuration.SamplingRate)))
                .AddSource(SourceName)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/v1.0/healthz"))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(SourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (!string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            otel.UseOtlpExporter();
        }
        return services;
    }
}
