using System.Text.Json;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tasks;

/// <summary>POST /api/v1/tasks (snake_case JSON). Only task_type and payload are required.</summary>
public sealed record CreateTaskBody(
    string? TaskType,
    JsonElement? Payload,
    int? Priority,
    DateTimeOffset? ScheduledAt,
    int? TimeoutSeconds,
    int? MaxRetries,
    BackoffBody? RetryBackoff,
    List<string>? Dependencies,
    string? DependencyFailure,
    bool? Critical,
    string? DedupKey);

public sealed record BackoffBody(double? InitialSeconds, double? MaxSeconds, double? Multiplier, double? Jitter);

/// <summary>One task of a batch: <c>ref</c> (default: its index) names it inside the batch so others can list it in their dependencies.</summary>
public sealed record BatchTaskBody(string? Ref, CreateTaskBody? Task);

public sealed record CreateBatchBody(List<BatchTaskBody>? Tasks);

/// <summary>Per item: 201 created, 200 an earlier submission with the same key (the first task is kept).</summary>
public sealed record BatchItemResult(string Ref, string Id, int Status, string TaskStatus)
{
    public static BatchItemResult From(string reference, Actors.TaskCreation creation) =>
        new(reference, creation.Id, creation.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, Names.Of(creation.State));
}

public sealed record BatchCreated(IReadOnlyDictionary<string, string> Ids, IReadOnlyList<BatchItemResult> Items);

public sealed record TaskResponse(
    string Id,
    string TaskType,
    string Status,
    int Priority,
    JsonElement Payload,
    DateTimeOffset? ScheduledAt,
    int TimeoutSeconds,
    int MaxRetries,
    int Attempt,
    long FencingToken,
    string? WorkerId,
    DateTimeOffset? LeaseExpiresAt,
    bool CancelRequested,
    bool Critical,
    IReadOnlyList<string> Dependencies,
    string DependencyFailure,
    JsonElement? Result,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? NextAttemptAt)
{
    public static TaskResponse From(TaskRecord task) => new(
        task.Id, task.Spec.TaskType, Names.Of(task.State), task.Spec.Priority, JsonDocument.Parse(task.Spec.PayloadJson).RootElement,
        task.Spec.ScheduledAt, task.Spec.TimeoutSeconds, task.Spec.MaxRetries, task.Attempt, task.FencingToken, task.WorkerId,
        task.LeaseExpiresAt, task.CancelRequested, task.Spec.Critical, task.Spec.Dependencies,
        task.Spec.DependencyPolicy.ToString().ToLowerInvariant(),
        task.ResultJson is null ? null : JsonDocument.Parse(task.ResultJson).RootElement, task.Error,
        task.CreatedAt, task.UpdatedAt, task.StartedAt, task.FinishedAt, task.NextAttemptAt);
}

/// <summary>snake_case names of enum values on the wire.</summary>
public static class Names
{
    public static string Of(TaskState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());
}
