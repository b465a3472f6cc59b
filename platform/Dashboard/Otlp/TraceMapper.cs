using System.Text.Json.Nodes;
using AmazonScale.Dashboard.Telemetry;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>ExportTraceServiceRequest (OTLP JSON shape) → <see cref="SpanData"/>.</summary>
internal static class TraceMapper
{
    public static IReadOnlyList<SpanData> Map(JsonObject request) =>
        [.. OtlpJson.SelectItems(request, "resourceSpans", "scopeSpans", "spans", MapSpan)];

    private static SpanData MapSpan(JsonObject span, TelemetryResource resource, string scope)
    {
        var start = OtlpJson.Time(span, "startTimeUnixNano") ?? throw new OtlpFormatException("A span has no startTimeUnixNano.");
        var end = OtlpJson.Time(span, "endTimeUnixNano") ?? start;
        var status = OtlpJson.Object(span, "status");
        return new SpanData(
            OtlpJson.Id(span, "traceId", 16) ?? throw new OtlpFormatException("A span has no traceId."),
            OtlpJson.Id(span, "spanId", 8) ?? throw new OtlpFormatException("A span has no spanId."),
            OtlpJson.Id(span, "parentSpanId", 8),
            OtlpJson.String(span, "name") ?? "",
            EnumOrDefault(OtlpJson.Int64(span, "kind"), SpanKind.Unspecified),
            start,
            end < start ? start : end,
            status is null ? SpanStatusCode.Unset : EnumOrDefault(OtlpJson.Int64(status, "code"), SpanStatusCode.Unset),
            status is null ? null : OtlpJson.String(status, "message"),
            resource.ServiceName,
            resource.InstanceId,
            scope,
            OtlpJson.Attributes(span),
            [.. OtlpJson.Objects(span, "events").Select(e => new SpanEventData(
                OtlpJson.String(e, "name") ?? "", OtlpJson.Time(e, "timeUnixNano") ?? start, OtlpJson.Attributes(e)))],
            [.. OtlpJson.Objects(span, "links").Select(l => new SpanLinkData(
                OtlpJson.Id(l, "traceId", 16) ?? "", OtlpJson.Id(l, "spanId", 8) ?? "", OtlpJson.Attributes(l)))]);
    }

    private static TEnum EnumOrDefault<TEnum>(long? value, TEnum fallback)
        where TEnum : struct, Enum =>
        value is { } number && Enum.IsDefined(typeof(TEnum), (int)number) ? (TEnum)Enum.ToObject(typeof(TEnum), number) : fallback;
}
