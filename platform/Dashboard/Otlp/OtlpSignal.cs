using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.Dashboard.Telemetry;
using Google.Protobuf;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>One OTLP signal as both transports see it: HTTP path, gRPC service, request schema and where decoded data goes.</summary>
internal sealed record OtlpSignal(string HttpPath, string GrpcService, ProtoMessage Schema, Action<TelemetryStore, JsonObject> Store)
{
    public static readonly OtlpSignal Traces = new(
        "/v1/traces", "opentelemetry.proto.collector.trace.v1.TraceService", OtlpSchema.ExportTraceServiceRequest,
        (store, request) => store.AddSpans(TraceMapper.Map(request)));

    public static readonly OtlpSignal Logs = new(
        "/v1/logs", "opentelemetry.proto.collector.logs.v1.LogsService", OtlpSchema.ExportLogsServiceRequest,
        (store, request) => store.AddLogs(LogMapper.Map(request, DateTimeOffset.UtcNow)));

    public static readonly OtlpSignal Metrics = new(
        "/v1/metrics", "opentelemetry.proto.collector.metrics.v1.MetricsService", OtlpSchema.ExportMetricsServiceRequest,
        (store, request) => store.AddMetrics(MetricMapper.Map(request)));

    public static IReadOnlyList<OtlpSignal> All { get; } = [Traces, Logs, Metrics];

    /// <summary>Exceptions that mean "the client sent a bad body" (400 / INVALID_ARGUMENT) rather than a server fault.</summary>
    public static bool IsMalformedBody(Exception exception) =>
        exception is OtlpFormatException or InvalidProtocolBufferException or JsonException or OverflowException;
}
