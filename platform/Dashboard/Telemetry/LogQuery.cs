using Microsoft.Extensions.Logging;

namespace AmazonScale.Dashboard.Telemetry;

/// <summary>Structured-log filter; every null criterion matches everything.</summary>
/// <param name="MinimumLevel">Records at this level or more severe.</param>
/// <param name="Text">Case-insensitive substring of the message or of any attribute value.</param>
/// <param name="AfterSequence">Only records newer than this sequence (live tailing).</param>
public sealed record LogQuery(
    string? Service = null,
    LogLevel? MinimumLevel = null,
    string? Text = null,
    string? TraceId = null,
    long AfterSequence = 0,
    int Limit = 500)
{
    public bool Matches(LogEntry entry) =>
        entry.Sequence > AfterSequence
        && (Service is null || string.Equals(entry.Service, Service, StringComparison.OrdinalIgnoreCase))
        && (MinimumLevel is null || entry.Level >= MinimumLevel)
        && (TraceId is null || string.Equals(entry.TraceId, TraceId, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Text) || ContainsText(entry, Text));

    private static bool ContainsText(LogEntry entry, string text) =>
        entry.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || entry.Attributes.Values.Any(v => v.Contains(text, StringComparison.OrdinalIgnoreCase));
}
