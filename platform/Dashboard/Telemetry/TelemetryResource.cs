namespace AmazonScale.Dashboard.Telemetry;

/// <summary>The OTLP resource a batch came from: service.name (= Aspire resource name) and service.instance.id (one per replica).</summary>
public sealed record TelemetryResource(string ServiceName, string? InstanceId)
{
    public const string UnknownService = "unknown_service";
}
