using System.Net.Http.Json;
using System.Text.Json;

namespace AmazonScale.EndToEnd.Tests;

/// <summary>The dashboard's JSON API as scripts and CI use it.</summary>
internal sealed class DashboardApi(HttpClient http)
{
    public sealed record Resource(string Name, string Type, string State, string? Health, int? Pid, IReadOnlyList<string> Endpoints);

    public sealed record TraceListItem(string TraceId, string Name, string Service, int SpanCount, IReadOnlyList<string> Services);

    public sealed record Span(string SpanId, string? ParentSpanId, string Service, string Name);

    public sealed record Trace(string TraceId, IReadOnlyList<string> Services, IReadOnlyList<Span> Spans);

    public sealed record ConsoleLine(long Sequence, string Text, bool IsError);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<Resource>> ResourcesAsync() =>
        await http.GetFromJsonAsync<List<Resource>>("/api/resources", Json) ?? [];

    public async Task<IReadOnlyList<TraceListItem>> TracesAsync(string service) =>
        await http.GetFromJsonAsync<List<TraceListItem>>($"/api/traces?service={service}", Json) ?? [];

    public async Task<Trace?> TraceAsync(string traceId) => await http.GetFromJsonAsync<Trace>($"/api/traces/{traceId}", Json);

    public async Task<IReadOnlyList<ConsoleLine>> ConsoleLogsAsync(string resource) =>
        await http.GetFromJsonAsync<List<ConsoleLine>>($"/api/resources/{resource}/logs", Json) ?? [];
}
