using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AmazonScale.TaskQueue.Tasks;

public static class TasksApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxBatch = 1000;

    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/tasks").WithTags("Tasks");
        tasks.MapPost("/", CreateTask).WithName(nameof(CreateTask)).WithSummary("Submit a task (Idempotency-Key or dedup_key makes a repeat return the first task).");
        tasks.MapPost("/batch", CreateBatch).WithName(nameof(CreateBatch)).WithSummary("Submit up to 1000 tasks at once (one commit per shard), with per-item status; dependencies may name other tasks of the batch by ref. Cycles are rejected (422).");
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
        var id = submission.NewId(spec!.TaskType, key);
        if (spec.Dependencies.Contains(id))
        {
            return TypedResults.Problem(Problems.Unprocessable("a task cannot depend on itself."));
        }
        if (await FirstMissingAsync(spec.Dependencies, submission, cancellationToken) is { } missing)
        {
            return TypedResults.Problem(Problems.Unprocessable($"dependency '{missing}' does not exist."));
        }
        var creation = (await submission.CreateAsync([new NewTask(id, spec)], withRecords: true, cancellationToken))[0];
        var response = TaskResponse.From(creation.Record!);
        if (!creation.Created)
        {
            return TypedResults.Ok(response);
        }
        metrics.Created(spec.TaskType);
        return TypedResults.Created($"/api/v1/tasks/{id}", response);
    }

    /// <summary>
    /// Many tasks in one call, committed together per shard. All-or-nothing validation (a 400 lists every item's errors
    /// under tasks[ref].field); each item's answer says whether it was created (201) or already existed (200: a repeat
    /// with the same Idempotency-Key, which is combined with each item's ref, or the item's dedup_key).
    /// </summary>
    public static async Task<Results<Created<BatchCreated>, Ok<BatchCreated>, ProblemHttpResult>> CreateBatch(
        CreateBatchBody body, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, TaskSubmission submission,
        TaskQueueMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Tasks is not { Count: > 0 and <= MaxBatch } items)
        {
            return TypedResults.Problem(Problems.Invalid("tasks", $"1-{MaxBatch} tasks."));
        }
        if (idempotencyKey is { Length: 0 or > TaskValidation.MaxKeyLength })
        {
            return TypedResults.Problem(Problems.Invalid(IdempotencyHeader, $"1-{TaskValidation.MaxKeyLength} characters."));
        }
        var refs = items.Select((item, index) => item.Ref ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (items.Any(item => item.Task is null || item.Ref is { Length: 0 or > 100 }) || refs.Distinct(StringComparer.Ordinal).Count() != items.Count)
        {
            return TypedResults.Problem(Problems.Invalid("tasks", "Every item needs a task; refs (1-100 characters, default: the item's index) must be unique."));
        }
        if (items.Any(item => TaskValidation.PayloadTooLarge(item.Task!)))
        {
            return TypedResults.Problem(Problems.PayloadTooLarge(TaskValidation.MaxPayloadBytes));
        }
        var now = time.GetUtcNow();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i].Task!;
            if (item.TaskType is { } taskType && TaskValidation.TaskTypePattern().IsMatch(taskType))
            {
                var key = item.DedupKey ?? (idempotencyKey is null ? null : $"{idempotencyKey}\n{refs[i]}");
                ids[refs[i]] = submission.NewId(taskType, key is { Length: <= TaskValidation.MaxKeyLength } ? key : null);
            }
        }
        var specs = new Dictionary<string, TaskSpec>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemErrors = TaskValidation.Validate(items[i].Task!, now, dependency => ids.GetValueOrDefault(dependency) ?? (TaskIds.IsValid(dependency) ? dependency : null), out var spec);
            foreach (var (field, messages) in itemErrors)
            {
                errors[$"tasks[{refs[i]}].{field}"] = messages;
            }
            if (spec is not null)
            {
                specs[ids[refs[i]]] = spec;
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.Problem(Problems.Invalid(errors));
        }
        var (order, cycle) = TaskGraph.Sort(specs.ToDictionary(spec => spec.Key, spec => spec.Value.Dependencies));
        if (cycle is not null)
        {
            var names = ids.ToDictionary(pair => pair.Value, pair => pair.Key);
            return TypedResults.Problem(Problems.Unprocessable($"dependency cycle: {string.Join(" -> ", cycle.Select(id => names[id]))}."));
        }
        var external = specs.Values.SelectMany(spec => spec.Dependencies).Where(dependency => !specs.ContainsKey(dependency)).Distinct();
        if (await FirstMissingAsync(external, submission, cancellationToken) is { } missing)
        {
            return TypedResults.Problem(Problems.Unprocessable($"dependency '{missing}' does not exist."));
        }
        var creations = await submission.CreateAsync(order.Select(id => new NewTask(id, specs[id])).ToList(), withRecords: false, cancellationToken);
        var byId = creations.ToDictionary(creation => creation.Id, StringComparer.Ordinal);
        foreach (var creation in creations.Where(creation => creation.Created))
        {
            metrics.Created(specs[creation.Id].TaskType);
        }
        var results = refs.Select(reference => BatchItemResult.From(reference, byId[ids[reference]])).ToList();
        var answer = new BatchCreated(ids, results);
        return creations.Any(creation => creation.Created) ? TypedResults.Created("/api/v1/tasks", answer) : TypedResults.Ok(answer);
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetTask(string id, TaskSubmission submission, CancellationToken cancellationToken) =>
        TaskIds.IsValid(id) && await submission.GetAsync(id, cancellationToken) is { } task
            ? TypedResults.Ok(TaskResponse.From(task))
            : TypedResults.Problem(Problems.TaskNotFound(id));

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> CancelTask(string id, TaskActors actors, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id) || await actors.ShardOf(id).InvokeMethodAsync<string, CancelReply?>(nameof(ITaskShardActor.Cancel), id, cancellationToken) is not { } reply)
        {
            return TypedResults.Problem(Problems.TaskNotFound(id));
        }
        return reply.Outcome == CancelOutcome.AlreadyFinal
            ? TypedResults.Problem(Problems.Conflict("Task already ended", $"Task '{id}' is {Names.Of(reply.Task.State)}."))
            : TypedResults.Ok(TaskResponse.From(reply.Task));
    }

    public static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> RetryTask(string id, TaskActors actors, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id) || await actors.ShardOf(id).InvokeMethodAsync<string, RetryReply?>(nameof(ITaskShardActor.Retry), id, cancellationToken) is not { } reply)
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
