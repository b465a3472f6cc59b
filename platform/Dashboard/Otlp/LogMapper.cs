using System.Text.Json.Nodes;
using AmazonScale.Dashboard.Telemetry;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>ExportLogsServiceRequest (OTLP JSON shape) → <see cref="LogEntry"/> (sequence assigned later by the store).</summary>
internal static class LogMapper
{
    public static IReadOnlyList<LogEntry> Map(JsonObject request, DateTimeOffset receivedAt) =>
        [.. OtlpJson.SelectItems(request, "resourceLogs", "scopeLogs", "logRecords", (record, resource, scope) => new LogEntry(
            Sequence: 0,
            OtlpJson.Time(record, "timeUnixNano") ?? OtlpJson.Time(record, "observedTimeUnixNano") ?? receivedAt,
            ToLevel(OtlpJson.Int64(record, "severityNumber") ?? 0, OtlpJson.String(record, "severityText")),
            OtlpJson.String(record, "severityText"),
            OtlpJson.AnyValueText(OtlpJson.Object(record, "body")),
            resource.ServiceName,
            resource.InstanceId,
            scope,
            OtlpJson.String(record, "eventName") is { Length: > 0 } eventName ? eventName : null,
            OtlpJson.Id(record, "traceId", 16),
            OtlpJson.Id(record, "spanId", 8),
            OtlpJson.Attributes(record)))];

    /// <summary>OTLP SeverityNumber ranges (1-4 TRACE … 21-24 FATAL) onto .NET log levels; text only when the number is unset.</summary>
    public static LogLevel ToLevel(long severityNumber, string? severityText) => severityNumber switch
    {
        >= 1 and <= 4 => LogLevel.Trace,
        >= 5 and <= 8 => LogLevel.Debug,
        >= 9 and <= 12 => LogLevel.Information,
        >= 13 and <= 16 => LogLevel.Warning,
        >= 17 and <= 20 => LogLevel.Error,
        >= 21 and <= 24 => LogLevel.Critical,
        _ => severityText?.ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "WARN" or "WARNING" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "FATAL" or "CRITICAL" => LogLevel.Critical,
            _ => LogLevel.Information,
        },
    };
}
