namespace AmazonScale.Dashboard.Resources;

/// <summary>One line a resource wrote to stdout (IsError = false) or stderr (IsError = true).</summary>
/// <param name="Sequence">Monotonic per resource, so clients can ask for "everything after N".</param>
public sealed record ConsoleLogLine(long Sequence, DateTimeOffset Timestamp, string Text, bool IsError);
