using AmazonScale.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Dashboard.Api;

/// <summary>The Traces page's API: recent traces and one trace's spans for the waterfall.</summary>
internal static class TracesApi
{
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapTracesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/traces").WithTags("Traces");
        group.MapGet("/", GetTraces).WithName("GetTraces").WithSummary("Newest traces first, optionally only those touching one service.");
        group.MapGet("/{traceId}", GetTrace).WithName("GetTrace").WithSummary("A trace's spans ordered by start time.");
        return app;
    }

    private static Results<Ok<IEnumerable<TraceListItem>>, ProblemHttpResult> GetTraces(TelemetryStore telemetry, string? service, int? limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"'limit' must be between 1 and {MaxLimit}.");
        }

        return TypedResults.Ok(telemetry.Traces.List(string.IsNullOrEmpty(service) ? null : service, limit ?? 100).Select(t => new TraceListItem(
            t.TraceId, t.RootName, t.RootService, t.StartTime, t.Duration.TotalMilliseconds, t.SpanCount, t.Services, t.HasError)));
    }

    private static Results<Ok<TraceDetail>, ProblemHttpResult> GetTrace(TelemetryStore telemetry, string traceId)
    {
        if (telemetry.Traces.Get(traceId) is not { Count: > 0 } spans)
        {
            return Problems.NotFound($"No trace '{traceId}' (it may not have arrived yet, or was evicted).");
        }

        var start = spans.Min(s => s.StartTime);
        var end = spans.Max(s => s.EndTime);
        return TypedResults.Ok(new TraceDetail(
            traceId.ToLowerInvariant(),
            start,
            (end - start).TotalMilliseconds,
            [.. spans.Select(s => s.Service).Distinct(StringComparer.Ordinal)],
            [.. spans.Select(s => new SpanView(
                s.SpanId, s.ParentSpanId, s.Service, s.InstanceId, s.Name, s.Kind, s.StartTime,
                (s.StartTime - start).TotalMilliseconds, s.Duration.TotalMilliseconds, s.Status, s.StatusMessage,
                s.Scope, s.Attributes, s.Events, s.Links))]));
    }

    public sealed record TraceListItem(
        string TraceId, string Name, string Service, DateTimeOffset StartTime, double DurationMs, int SpanCount, IReadOnlyList<string> Services, bool HasError);

    public sealed record TraceDetail(string TraceId, DateTimeOffset StartTime, double DurationMs, IReadOnlyList<string> Services, IReadOnlyList<SpanView> Spans);

    /// <param name="OffsetMs">Start relative to the trace's first span, so the waterfall needs no date arithmetic.</param>
    public sealed record SpanView(
        string SpanId,
        string? ParentSpanId,
        string Service,
        string? InstanceId,
        string Name,
        SpanKind Kind,
        DateTimeOffset StartTime,
        double OffsetMs,
        double DurationMs,
        SpanStatusCode Status,
        string? StatusMessage,
        string Scope,
        IReadOnlyDictionary<string, string> Attributes,
        IReadOnlyList<SpanEventData> Events,
        IReadOnlyList<SpanLinkData> Links);
}
