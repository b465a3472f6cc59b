using AmazonScale.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Dashboard.Api;

/// <summary>The Structured logs page's API.</summary>
internal static class LogsApi
{
    private const int MaxLimit = 5000;
    private const int MaxTextLength = 500;

    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/logs").WithTags("Logs")
            .MapGet("/", GetLogs)
            .WithName("GetLogs")
            .WithSummary("Structured log records filtered by resource, minimum level, text and trace id; 'after' tails new records.");
        return app;
    }

    private static Results<Ok<LogPage>, ProblemHttpResult> GetLogs(
        TelemetryStore telemetry, string? resource, string? level, string? text, string? traceId, long? after, int? limit)
    {
        LogLevel? minimumLevel = null;
        if (!string.IsNullOrEmpty(level))
        {
            if (!Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || parsed == LogLevel.None)
            {
                return Problems.BadRequest("'level' must be Trace, Debug, Information, Warning, Error or Critical.");
            }

            minimumLevel = parsed;
        }

        if (limit is < 1 or > MaxLimit || after < 0 || text?.Length > MaxTextLength)
        {
            return Problems.BadRequest($"'limit' must be 1..{MaxLimit}, 'after' zero or positive, 'text' at most {MaxTextLength} characters.");
        }

        var entries = telemetry.Logs.Query(new LogQuery(
            NullIfEmpty(resource), minimumLevel, NullIfEmpty(text), NullIfEmpty(traceId), after ?? 0, limit ?? 500));
        return TypedResults.Ok(new LogPage(entries, entries.Count > 0 ? entries[^1].Sequence : after ?? 0));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <param name="LastSequence">Pass back as 'after' to receive only newer records.</param>
    public sealed record LogPage(IReadOnlyList<LogEntry> Entries, long LastSequence);
}
