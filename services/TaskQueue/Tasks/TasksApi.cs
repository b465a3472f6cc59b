using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AmazonScale.TaskQueue.Tasks;

public static class TasksApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxBatch = 100;

    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Tasks");
        tasks.MapPost("/", CreateTask).WithName(nameof(CreateTask)).WithSummary("Submit a task (Idempotency-Key or dedup_key makes a repeat return the first task).");
        tasks.MapPost("/batch", CreateBatch).WithName(nameof(CreateBatch)).WithSummary("Submit up to 100 tasks at once; dependencies may name other tasks of the batch by ref. Cycles are rejected (422).");
        tasks.MapGet("/{id}", GetTask).WithName(nameof(GetTask)).WithSummary("Get a task's status, attempt, lease and result.");
        tasks.MapPost("/{id}/cancel", CancelTask).WithName(nameof(CancelTask)).WithSummary("Cancel: a pending task never starts; a running one is told through its heartbeat.");
        tasks.MapPost("/{id}/retry", RetryTask).WithName(nameof(RetryTask)).WithSummary("Run a failed, dead-lettered, skipped or cancelled task again from its first attempt.");
        return tasks;
    }

    public static async Task<Results<Created<TaskResponse>, Ok<TaskResponse>, ProblemHttpResult>> CreateTask(
        CreateTaskBody body, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, TaskSubmission submission,
        TaskQueueMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        if (TaskValidation.PayloadTooLarge(body))
        {
            return TypedResults.Problem(Problems.PayloadTooLarge(TaskValidation.MaxPayloadBytes));
        }
        var key = idempotencyKey ?? body.DedupKey;
        if (key is { Length: 0 or > TaskValidation.MaxKeyLength })
        {
            return TypedResults.Problem(Problems.Invalid(IdempotencyHeader, $"1-{TaskValidation.MaxKeyLength} characters."));
        }
        var errors = TaskValidation.Validate(body, time.GetUtcNow(), dependency => TaskIds.IsValid(dependency) ? dependency : null, out var spec);
        if (errors.Count > 0)
        {
            return TypedResults.Problem(Problems.Invalid(errors));
        }
        var id = key is null ? TaskIds.New() : TaskIds.FromIdempotencyKey(key);
        if (await FirstMissingAsync(spec!.Dependencies.Where(dependency => dependency != id), submission, cancellationToken) is { } missing)
        {
            return TypedResults.Problem(Problems.Unprocessable($"dependency '{missing}' does not exist."));
        }
        if (spec.Dependencies.Contains(id))
        {
            return TypedResults.Problem(Problems.Unprocessable("a task cannot depend on itself."));
        }
        var creation = await submission.CreateAsync(id, spec, cancellationToken);
        var response = TaskResponse.From(creation.Task);
        if (!creation.Created)
        {
            return TypedResults.Ok(response);
        }
        metrics.Created(spec.TaskType);
        return TypedResults.Created($"/api/v1/tasks/{id}", response);
    }

    public static async Task<Results<Created<BatchCreated>, ProblemHttpResult>> CreateBatch(
        CreateBatchBody body, TaskSubmission submission, TaskQueueMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Tasks is not { Count: > 0 and <= MaxBatch } items)
        {
            return TypedResults.Problem(Problems.Invalid("tasks", $"1-{MaxBatch} tasks."));
        }
        if (items.Any(item => item.Task is null || item.Ref is not { Length: > 0 and <= 100 }) || items.Select(item => item.Ref).Distinct().Count() != items.Count)
        {
            return TypedResults.Problem(Problems.Invalid("tasks", "Every item needs a unique ref (1-100 characters) and a task."));
        }
        if (items.Any(item => TaskValidation.PayloadTooLarge(item.Task!)))
        {
            return TypedResults.Problem(Problems.PayloadTooLarge(TaskValidation.MaxPayloadBytes));
        }
        var ids = items.ToDictionary(item => item.Ref!, _ => TaskIds.New(), StringComparer.Ordinal);
        var specs = new Dictionary<string, TaskSpec>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var errors = TaskValidation.Validate(item.Task!, time.GetUtcNow(), dependency => ids.GetValueOrDefault(dependency) ?? (TaskIds.IsValid(dependency) ? dependency : null), out var spec);
            if (errors.Count > 0)
            {
                return TypedResults.Problem(Problems.Invalid(errors.ToDictionary(error => $"tasks[{item.Ref}].{error.Key}", error => error.Value)));
            }
            specs[ids[item.Ref!]] = spec!;
        }
        var (order, cycle) = TaskGraph.Sort(specs.ToDictionary(spec => spec.Key, spec => spec.Value.Dependencies));
        if (cycle is not null)
        {
            var refs = ids.ToDictionary(pair => pair.Value, pair => pair.Key);
            return TypedResults.Problem(Problems.Unprocessable($"dependency cycle: {string.Join(" -> ", cycle.Select(id => refs[id]))}."));
        }
        var external = specs.Values.SelectMany(spec => spec.Dependencies).Where(dependency => !specs.ContainsKey(dependency)).Distinct();
        if (await FirstMissingAsync(external, submission, cancellationToken) is { } missing)
        {
            return TypedResults.Problem(Problems.Unprocessable($"dependency '{missing}' does not exist."));
        }
        foreach (var id in order)
        {
            await submission.CreateAsync(id, specs[id], cancellationToken);
            metrics.Created(specs[id].TaskType);
        }
        return TypedResults.Created("/api/v1/tasks", new BatchCreated(ids));
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetTask(string id, TaskSubmission submission, CancellationToken cancellationToken) =>
        TaskIds.IsValid(id) && await submission.GetAsync(id, cancellationToken) is { } task
            ? TypedResults.Ok(TaskResponse.From(task))
            : TypedResults.Problem(Problems.TaskNotFound(id));

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> CancelTask(string id, TaskActors actors, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id) || await actors.Task(id).InvokeMethodAsync<CancelReply?>(nameof(ITaskActor.Cancel), cancellationToken) is not { } reply)
        {
            return TypedResults.Problem(Problems.TaskNotFound(id));
        }
        return reply.Outcome == CancelOutcome.AlreadyFinal
            ? TypedResults.Problem(Problems.Conflict("Task already ended", $"Task '{id}' is {Names.Of(reply.Task.State)}."))
            : TypedResults.Ok(TaskResponse.From(reply.Task));
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> RetryTask(string id, TaskActors actors, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id) || await actors.Task(id).InvokeMethodAsync<RetryReply?>(nameof(ITaskActor.Retry), cancellationToken) is not { } reply)
        {
            return TypedResults.Problem(Problems.TaskNotFound(id));
        }
        return reply.Retried
            ? TypedResults.Ok(TaskResponse.From(reply.Task))
            : TypedResults.Problem(Problems.Conflict("Task not retryable", $"Task '{id}' is {Names.Of(reply.Task.State)}; only failed, dead-lettered, skipped or cancelled tasks can be retried."));
    }

    private static async Task<string?> FirstMissingAsync(IEnumerable<string> ids, TaskSubmission submission, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            if (!await submission.ExistsAsync(id, cancellationToken))
            {
                return id;
            }
        }
        return null;
    }
}
