namespace AmazonScale.Dashboard.Telemetry;

/// <summary>Numeric values match OTLP's Span.SpanKind so decoding is a cast.</summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>Numeric values match OTLP's Status.StatusCode.</summary>
public enum SpanStatusCode
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}

public sealed record SpanEventData(string Name, DateTimeOffset Time, IReadOnlyDictionary<string, string> Attributes);

public sealed record SpanLinkData(string TraceId, string SpanId, IReadOnlyDictionary<string, string> Attributes);

/// <summary>One received span; ids are lowercase hex, ParentSpanId is null for a root span.</summary>
public sealed record SpanData(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    SpanKind Kind,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    SpanStatusCode Status,
    string? StatusMessage,
    string Service,
    string? InstanceId,
    string Scope,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<SpanEventData> Events,
    IReadOnlyList<SpanLinkData> Links)
{
    public TimeSpan Duration => EndTime - StartTime;
}
