using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;
using AmazonScale.TaskQueue.Workers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.TaskQueue.Queues;

public static class QueuesApi
{
    public const int MaxListed = 1000;

    public static void MapQueuesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/queues/stats", GetStats).WithTags("Queues").WithName(nameof(GetStats))
            .WithSummary("Pending per priority, running, oldest wait, throughput (last minute) per task type, and the dead-letter queue size.");

        var dlq = app.MapGroup("/api/v1/dlq").WithTags("Dead letters");
        dlq.MapGet("/", ListDeadLetters).WithName(nameof(ListDeadLetters)).WithSummary("Dead-lettered tasks, oldest first (?limit=100).");
        var admin = dlq.MapGroup("/").AddEndpointFilter<AdminKeyFilter>();
        admin.MapPost("/requeue", Requeue).WithName(nameof(Requeue)).WithSummary("Run dead-lettered tasks again from their first attempt (task_ids, or all when omitted). Needs X-Admin-Key.");
        admin.MapDelete("/", Purge).WithName(nameof(Purge)).WithSummary("Empty the dead-letter queue (the tasks stay readable as dead_lettered). Needs X-Admin-Key.");
    }

    public static async Task<Ok<StatsResponse>> GetStats(TaskActors actors, WorkerPools pools, TaskQueueOptions options, CancellationToken cancellationToken)
    {
        var types = await actors.Registry().InvokeMethodAsync<IReadOnlyList<string>>(nameof(IRegistryActor.TaskTypes), cancellationToken);
        var stats = await Task.WhenAll(types.Select(async type => QueueStats.Merge(type, await Task.WhenAll(TaskIds.ShardsOf(type, options.ShardsPerType)
            .Select(shard => actors.Shard(shard).InvokeMethodAsync<string, QueueStats>(nameof(ITaskShardActor.Stats), type, cancellationToken))))));
        var dead = await actors.DeadLetters().InvokeMethodAsync<int, DeadLetterPage>(nameof(IDeadLetterActor.List), 0, cancellationToken);
        var queues = stats.Select(queue => QueueStatsResponse.From(queue, pools.HealthOf(queue.TaskType))).ToList();
        return TypedResults.Ok(new StatsResponse(queues, queues.Sum(queue => queue.Pending), queues.Sum(queue => queue.Running),
            queues.Sum(queue => queue.CompletedLastMinute), dead.Total, pools.Health().Where(pool => pool.Status == PoolStatus.Degraded).Select(pool => pool.TaskType).ToList()));
    }

    public static async Task<Results<Ok<DeadLetterPage>, ProblemHttpResult>> ListDeadLetters(int? limit, TaskActors actors, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxListed)
        {
            return TypedResults.Problem(Problems.Invalid("limit", $"1-{MaxListed}."));
        }
        return TypedResults.Ok(await actors.DeadLetters().InvokeMethodAsync<int, DeadLetterPage>(nameof(IDeadLetterActor.List), limit ?? 100, cancellationToken));
    }

    public static async Task<Results<Ok<RequeueResponse>, ProblemHttpResult>> Requeue(RequeueBody? body, TaskActors actors, CancellationToken cancellationToken)
    {
        if (body?.TaskIds is { Count: > MaxListed } || body?.TaskIds?.Any(id => !TaskIds.IsValid(id)) == true)
        {
            return TypedResults.Problem(Problems.Invalid("task_ids", $"At most {MaxListed} task ids."));
        }
        var ids = body?.TaskIds ?? (await actors.DeadLetters().InvokeMethodAsync<int, DeadLetterPage>(nameof(IDeadLetterActor.List), MaxListed, cancellationToken))
            .Items.Select(entry => entry.TaskId).ToList();
        var requeued = new List<string>();
        foreach (var id in ids)
        {
            // Retrying the task also removes its dead-letter entry, in the task's own turn.
            if (await actors.ShardOf(id).InvokeMethodAsync<string, RetryReply?>(nameof(ITaskShardActor.Retry), id, cancellationToken) is { Retried: true })
            {
                requeued.Add(id);
            }
        }
        return TypedResults.Ok(new RequeueResponse(requeued));
    }

    public static async Task<Ok<PurgeResponse>> Purge(TaskActors actors, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PurgeResponse(await actors.DeadLetters().InvokeMethodAsync<int>(nameof(IDeadLetterActor.Purge), cancellationToken)));
}
