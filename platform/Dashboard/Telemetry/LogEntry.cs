using Microsoft.Extensions.Logging;

namespace AmazonScale.Dashboard.Telemetry;

/// <summary>One received OTLP log record. Sequence is assigned by the store (monotonic, 1-based).</summary>
public sealed record LogEntry(
    long Sequence,
    DateTimeOffset Timestamp,
    LogLevel Level,
    string? SeverityText,
    string Message,
    string Service,
    string? InstanceId,
    string Scope,
    string? EventName,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes);
