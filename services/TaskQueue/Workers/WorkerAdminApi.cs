using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;
using AmazonScale.TaskQueue.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>Administration of workers (X-Admin-Key): pools per task type and worker keys.</summary>
public static class WorkerAdminApi
{
    public const int MaxKeyNameLength = 100;

    public static RouteGroupBuilder MapWorkerAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/workers").WithTags("Worker administration").AddEndpointFilter<AdminKeyFilter>();
        admin.MapPut("/pools/{taskType}", SetPool).WithName(nameof(SetPool)).WithSummary("Define the worker pool of a task type: min_workers (below = degraded), max_workers (more are refused with 429). Needs X-Admin-Key.");
        admin.MapDelete("/pools/{taskType}", RemovePool).WithName(nameof(RemovePool)).WithSummary("Remove a task type's pool. Needs X-Admin-Key.");
        admin.MapPost("/keys", CreateKey).WithName(nameof(CreateKey)).WithSummary("Create a worker key (shown once; stored as SHA-256), optionally limited to task_types. Needs X-Admin-Key.");
        admin.MapGet("/keys", ListKeys).WithName(nameof(ListKeys)).WithSummary("Worker keys (ids, names, scopes; never the keys). Needs X-Admin-Key.");
        admin.MapDelete("/keys/{keyId}", RevokeKey).WithName(nameof(RevokeKey)).WithSummary("Revoke a worker key. Needs X-Admin-Key.");
        return admin;
    }

    public static async Task<Results<Ok<WorkerPool>, ProblemHttpResult>> SetPool(
        string taskType, PoolBody body, TaskActors actors, WorkerPools pools, CancellationToken cancellationToken)
    {
        if (!TaskValidation.TaskTypePattern().IsMatch(taskType))
        {
            return TypedResults.Problem(Problems.Invalid("taskType", "1-100 letters, digits, '.', '_', ':' or '-'."));
        }
        var (min, max) = (body.MinWorkers ?? 0, body.MaxWorkers ?? WorkerPool.Limit);
        if (min < 0 || max < 1 || max > WorkerPool.Limit || min > max)
        {
            return TypedResults.Problem(Problems.Invalid("max_workers", $"0 <= min_workers <= max_workers, 1 <= max_workers <= {WorkerPool.Limit}."));
        }
        var pool = new WorkerPool(taskType, min, max);
        await actors.Registry().InvokeMethodAsync(nameof(IRegistryActor.SetPool), pool, cancellationToken);
        pools.Set(taskType, pool);
        return TypedResults.Ok(pool);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemovePool(string taskType, TaskActors actors, WorkerPools pools, CancellationToken cancellationToken)
    {
        if (!await actors.Registry().InvokeMethodAsync<string, bool>(nameof(IRegistryActor.RemovePool), taskType, cancellationToken))
        {
            return TypedResults.Problem(Problems.NotFound("Pool not found", $"No pool is defined for '{taskType}'."));
        }
        pools.Set(taskType, pool: null);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<CreatedWorkerKey>, ProblemHttpResult>> CreateKey(
        WorkerKeyBody body, TaskActors actors, WorkerKeys keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var taskTypes = body.TaskTypes ?? [];
        if (body.Name is not { Length: > 0 and <= MaxKeyNameLength })
        {
            return TypedResults.Problem(Problems.Invalid("name", $"1-{MaxKeyNameLength} characters."));
        }
        if (taskTypes.Count > WorkersApi.MaxTypesPerLease || taskTypes.Any(type => !TaskValidation.TaskTypePattern().IsMatch(type)))
        {
            return TypedResults.Problem(Problems.Invalid("task_types", $"At most {WorkersApi.MaxTypesPerLease} valid task types (none = every type)."));
        }
        var (key, stored) = WorkerKey.Create(body.Name, taskTypes.Distinct().ToList(), time.GetUtcNow());
        await actors.Registry().InvokeMethodAsync(nameof(IRegistryActor.AddWorkerKey), stored, cancellationToken);
        await keys.RefreshAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/workers/keys/{stored.KeyId}", new CreatedWorkerKey(stored.KeyId, key, stored.Name, stored.TaskTypes, stored.CreatedAt));
    }

    public static async Task<Ok<IReadOnlyList<WorkerKeyResponse>>> ListKeys(TaskActors actors, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WorkerKeyResponse>>((await actors.Registry().InvokeMethodAsync<IReadOnlyList<WorkerKey>>(nameof(IRegistryActor.WorkerKeys), cancellationToken))
            .Select(key => new WorkerKeyResponse(key.KeyId, key.Name, key.TaskTypes, key.CreatedAt)).ToList());

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(string keyId, TaskActors actors, WorkerKeys keys, CancellationToken cancellationToken)
    {
        if (!await actors.Registry().InvokeMethodAsync<string, bool>(nameof(IRegistryActor.RemoveWorkerKey), keyId, cancellationToken))
        {
            return TypedResults.Problem(Problems.NotFound("Worker key not found", $"No worker key '{keyId}'."));
        }
        await keys.RefreshAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>PUT /api/v1/workers/pools/{taskType}. Defaults: min 0, max 10000.</summary>
public sealed record PoolBody(int? MinWorkers, int? MaxWorkers);

/// <summary>POST /api/v1/workers/keys. task_types empty or absent: the key serves every type.</summary>
public sealed record WorkerKeyBody(string? Name, List<string>? TaskTypes);

/// <summary>The only time the key itself is shown.</summary>
public sealed record CreatedWorkerKey(string KeyId, string Key, string Name, IReadOnlyList<string> TaskTypes, DateTimeOffset CreatedAt);

public sealed record WorkerKeyResponse(string KeyId, string Name, IReadOnlyList<string> TaskTypes, DateTimeOffset CreatedAt);
