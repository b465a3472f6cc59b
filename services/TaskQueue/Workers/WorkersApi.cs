using System.Text.RegularExpressions;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;
using AmazonScale.TaskQueue.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AmazonScale.TaskQueue.Workers;

public static partial class WorkersApi
{
    public const int MaxTypesPerLease = 20;
    public const int MaxPushConcurrency = 64;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")]
    private static partial Regex WorkerIdPattern();

    public static RouteGroupBuilder MapWorkersApi(this IEndpointRouteBuilder app)
    {
        var workers = app.MapGroup("/api/v1/workers").WithTags("Workers");
        workers.MapGet("/", ListWorkers).WithName(nameof(ListWorkers)).WithSummary("Pull workers seen recently (alive = seen within a lease length) and push registrations.");
        workers.MapPost("/{workerId}/lease", Lease).WithName(nameof(Lease)).WithSummary("Lease the most urgent ready task of the given types (?types=a,b&lease_seconds=30); 204 when none.");
        workers.MapPost("/{workerId}/heartbeat", Heartbeat).WithName(nameof(Heartbeat)).WithSummary("Extend a lease; the answer says whether cancellation was requested. 409 for a stale fencing token.");
        workers.MapPost("/{workerId}/complete", Complete).WithName(nameof(Complete)).WithSummary("Report success with a result. 409 for a stale fencing token.");
        workers.MapPost("/{workerId}/fail", Fail).WithName(nameof(Fail)).WithSummary("Report failure: retried after the back-off, dead-lettered after max_retries. 409 for a stale fencing token.");
        workers.MapPost("/push", RegisterPush).WithName(nameof(RegisterPush)).WithSummary("A worker app (Dapr app id) receives tasks of these types by service invocation.");
        workers.MapDelete("/push/{appId}", UnregisterPush).WithName(nameof(UnregisterPush)).WithSummary("Stop pushing tasks to a worker app.");
        return workers;
    }

    public static async Task<Ok<WorkersResponse>> ListWorkers(TaskActors actors, WorkerDirectory directory, TaskQueueOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var shared = await actors.Registry().InvokeMethodAsync<IReadOnlyList<WorkerSighting>>(nameof(IRegistryActor.Workers), cancellationToken);
        var push = await actors.Registry().InvokeMethodAsync<IReadOnlyList<PushRegistration>>(nameof(IRegistryActor.PushRegistrations), cancellationToken);
        var latest = shared.Concat(directory.Local).GroupBy(worker => worker.WorkerId).Select(group => group.MaxBy(worker => worker.LastSeen)!);
        var aliveAfter = time.GetUtcNow() - TimeSpan.FromSeconds(options.DefaultLeaseSeconds);
        var workers = latest.OrderBy(worker => worker.WorkerId, StringComparer.Ordinal)
            .Select(worker => new WorkerResponse(worker.WorkerId, worker.Kind, worker.TaskTypes, worker.LastSeen, worker.Leases, worker.LastSeen >= aliveAfter))
            .ToList();
        return TypedResults.Ok(new WorkersResponse(workers, push));
    }

    public static async Task<Results<Ok<LeasedTask>, NoContent, ProblemHttpResult>> Lease(
        string workerId, string? types, [FromQuery(Name = "lease_seconds")] int? leaseSeconds, TaskDispatcher dispatcher, TaskQueueOptions options, CancellationToken cancellationToken)
    {
        var taskTypes = (types ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (InvalidLeaseRequest(workerId, taskTypes, leaseSeconds, options) is { } problem)
        {
            return problem;
        }
        var grant = await dispatcher.LeaseAsync(workerId, "pull", taskTypes, leaseSeconds ?? options.DefaultLeaseSeconds, cancellationToken);
        return grant is null ? TypedResults.NoContent() : TypedResults.Ok(LeasedTask.From(grant));
    }

    public static Task<Results<Ok<ReportResponse>, ProblemHttpResult>> Heartbeat(
        string workerId, WorkerReport body, TaskDispatcher dispatcher, WorkerDirectory directory, TaskQueueOptions options, CancellationToken cancellationToken)
    {
        var leaseSeconds = body.LeaseSeconds ?? options.DefaultLeaseSeconds;
        if (leaseSeconds < 1 || leaseSeconds > options.MaxLeaseSeconds)
        {
            return Task.FromResult<Results<Ok<ReportResponse>, ProblemHttpResult>>(TypedResults.Problem(Problems.Invalid("lease_seconds", $"1-{options.MaxLeaseSeconds}.")));
        }
        directory.Seen(workerId, "pull", [], leased: false);
        return ReportAsync(workerId, body, report => dispatcher.HeartbeatAsync(body.TaskId!, report with { LeaseSeconds = leaseSeconds }, cancellationToken));
    }

    public static Task<Results<Ok<ReportResponse>, ProblemHttpResult>> Complete(string workerId, WorkerReport body, TaskDispatcher dispatcher, CancellationToken cancellationToken) =>
        ReportAsync(workerId, body, report => dispatcher.CompleteAsync(body.TaskId!, report with { ResultJson = body.Result?.GetRawText() }, cancellationToken));

    public static Task<Results<Ok<ReportResponse>, ProblemHttpResult>> Fail(string workerId, WorkerReport body, TaskDispatcher dispatcher, CancellationToken cancellationToken) =>
        body.Error is { Length: > 4096 }
            ? Task.FromResult<Results<Ok<ReportResponse>, ProblemHttpResult>>(TypedResults.Problem(Problems.Invalid("error", "At most 4096 characters.")))
            : ReportAsync(workerId, body, report => dispatcher.FailAsync(body.TaskId!, report with { Error = body.Error ?? "failed" }, cancellationToken));

    public static async Task<Results<Created<PushRegistration>, ProblemHttpResult>> RegisterPush(
        PushRegistrationBody body, TaskActors actors, TaskQueueOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var taskTypes = body.TaskTypes ?? [];
        if (body.AppId is null || !WorkerIdPattern().IsMatch(body.AppId))
        {
            return TypedResults.Problem(Problems.Invalid("app_id", "The worker's Dapr app id is required."));
        }
        if (taskTypes.Count is 0 or > MaxTypesPerLease || taskTypes.Any(type => !TaskValidation.TaskTypePattern().IsMatch(type)))
        {
            return TypedResults.Problem(Problems.Invalid("task_types", $"1-{MaxTypesPerLease} valid task types."));
        }
        var method = body.Method ?? "tasks";
        if (!WorkerIdPattern().IsMatch(method.Replace('/', '-')))
        {
            return TypedResults.Problem(Problems.Invalid("method", "A relative path of letters, digits, '/', '.', '_', ':' or '-'."));
        }
        var concurrency = body.MaxConcurrency ?? options.DefaultPushConcurrency;
        if (concurrency is < 1 or > MaxPushConcurrency)
        {
            return TypedResults.Problem(Problems.Invalid("max_concurrency", $"1-{MaxPushConcurrency}."));
        }
        var registration = new PushRegistration(body.AppId, taskTypes.Distinct().ToList(), method, concurrency, time.GetUtcNow());
        await actors.Registry().InvokeMethodAsync(nameof(IRegistryActor.RegisterPush), registration, cancellationToken);
        return TypedResults.Created($"/api/v1/workers/push/{registration.AppId}", registration);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnregisterPush(string appId, TaskActors actors, CancellationToken cancellationToken) =>
        await actors.Registry().InvokeMethodAsync<string, bool>(nameof(IRegistryActor.UnregisterPush), appId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(Problems.NotRegistered(appId));

    private static ProblemHttpResult? InvalidLeaseRequest(string workerId, List<string> taskTypes, int? leaseSeconds, TaskQueueOptions options)
    {
        if (!WorkerIdPattern().IsMatch(workerId))
        {
            return TypedResults.Problem(Problems.Invalid("workerId", "1-128 letters, digits, '.', '_', ':' or '-'."));
        }
        if (taskTypes.Count is 0 or > MaxTypesPerLease || taskTypes.Any(type => !TaskValidation.TaskTypePattern().IsMatch(type)))
        {
            return TypedResults.Problem(Problems.Invalid("types", $"1-{MaxTypesPerLease} comma-separated task types."));
        }
        if (leaseSeconds is < 1 || leaseSeconds > options.MaxLeaseSeconds)
        {
            return TypedResults.Problem(Problems.Invalid("lease_seconds", $"1-{options.MaxLeaseSeconds}."));
        }
        return null;
    }

    private static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> ReportAsync(string workerId, WorkerReport body, Func<LeaseReport, Task<LeaseReply?>> send)
    {
        if (!WorkerIdPattern().IsMatch(workerId))
        {
            return TypedResults.Problem(Problems.Invalid("workerId", "1-128 letters, digits, '.', '_', ':' or '-'."));
        }
        if (body.TaskId is null || !TaskIds.IsValid(body.TaskId) || body.FencingToken is not { } token)
        {
            return TypedResults.Problem(Problems.Invalid("task_id", "task_id and fencing_token from the lease are required."));
        }
        var reply = await send(new LeaseReport(token, 0, null, null));
        return reply?.Check switch
        {
            null => TypedResults.Problem(Problems.TaskNotFound(body.TaskId)),
            LeaseCheck.Stale => TypedResults.Problem(Problems.StaleFencingToken(body.TaskId)),
            LeaseCheck.NotRunning => TypedResults.Problem(Problems.NotRunning(body.TaskId, reply.State)),
            _ => TypedResults.Ok(ReportResponse.From(body.TaskId, reply)),
        };
    }
}
