using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AmazonScale.Dashboard.Tests.Support;

/// <summary>OpenTelemetry SDK tracer providers that export synchronously (simple processor) to a test dashboard.</summary>
public static class OtlpTestExporter
{
    /// <param name="endpoint">For http/protobuf the full signal URL (…/v1/traces); for gRPC the base address.</param>
    public static TracerProvider Tracer(string service, string sourceName, Uri endpoint, OtlpExportProtocol protocol, string? headers = null) =>
        Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.AddService(service, serviceInstanceId: $"{service}-1"))
            .AddSource(sourceName)
            .AddOtlpExporter(o => Configure(o, endpoint, protocol, headers))
            .Build();

    public static void Configure(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol = OtlpExportProtocol.HttpProtobuf, string? headers = null)
    {
        options.Endpoint = endpoint;
        options.Protocol = protocol;
        options.ExportProcessorType = ExportProcessorType.Simple;
        if (headers is not null)
        {
            options.Headers = headers;
        }
    }
}
