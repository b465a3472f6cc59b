using System.Text.Json;

namespace AmazonScale.Samples.TaskWorker;

/// <summary>A task pushed by the queue (snake_case JSON, the same shape a pull worker's lease returns).</summary>
public sealed record PushedTask(string TaskId, string TaskType, JsonElement Payload, int Attempt, long FencingToken, bool Critical);

/// <summary>The answer the queue expects: succeeded with an optional result, or an error.</summary>
public sealed record TaskOutcome(bool Succeeded, object? Result, string? Error);
