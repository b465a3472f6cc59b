namespace AmazonScale.TaskQueue.Domain;

/// <summary>A validated task as submitted. Payload and result are raw JSON text.</summary>
public sealed record TaskSpec(
    string TaskType,
    string PayloadJson,
    int Priority,
    DateTimeOffset? ScheduledAt,
    int TimeoutSeconds,
    int MaxRetries,
    RetryBackoff Backoff,
    IReadOnlyList<string> Dependencies,
    DependencyPolicy DependencyPolicy,
    bool Critical)
{
    public const int MinPriority = 1;
    public const int MaxPriority = 10;

    public int MaxAttempts => MaxRetries + 1;
}
