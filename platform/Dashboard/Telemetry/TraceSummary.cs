namespace AmazonScale.Dashboard.Telemetry;

/// <summary>A trace as the trace list shows it; the root is the earliest span without a parent in the store.</summary>
public sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootService,
    DateTimeOffset StartTime,
    TimeSpan Duration,
    int SpanCount,
    IReadOnlyList<string> Services,
    bool HasError);
