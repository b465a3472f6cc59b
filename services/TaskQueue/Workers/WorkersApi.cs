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
    public const int MaxBatch = 1000;
    public const int MaxErrorLength = 4096;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\\z")]
    private static partial Regex WorkerIdPattern();

    public static RouteGroupBuilder MapWorkersApi(this IEndpointRouteBuilder app)
    {
        var workers = app.MapGroup("/api/v1/workers").WithTags("Workers");
        workers.MapGet("/", ListWorkers).WithName(nameof(ListWorkers)).WithSummary("Workers seen recently (alive = seen within a lease length), push registrations and worker pool health.");
        // Everything a worker calls needs a worker key (X-Worker-Key).
        var worker = workers.MapGroup("/").AddEndpointFilter<WorkerKeyFilter>();
        worker.MapPost("/{workerId}/lease", Lease).WithName(nameof(Lease)).WithSummary("Lease the most urgent ready task of the given types (?types=a,b&lease_seconds=30), or up to max of them (&max=100: {\"tasks\":[…]}); 204 when none; 429 when a pool is full.");
        worker.MapPost("/{workerId}/{verb}", Report).WithName(nameof(Report))
            .WithSummary("verb = heartbeat (extends the lease; says whether cancellation was requested), complete (with a result) or fail (retried after the back-off, dead-lettered after max_retries). 409 for a stale fencing token.");
        worker.MapPost("/{workerId}/{verb}/batch", ReportBatch).WithName(nameof(ReportBatch))
            .WithSummary("heartbeat, complete or fail many leases at once ({\"reports\":[…]}); one result with its own status (200, 404, 409) per report.");
        worker.MapPost("/push", RegisterPush).WithName(nameof(RegisterPush)).WithSummary("A worker app (Dapr app id) receives tasks of these types by service invocation; 429 when a pool is full.");
        worker.MapDelete("/push/{appId}", UnregisterPush).WithName(nameof(UnregisterPush)).WithSummary("Stop pushing tasks to a worker app.");
        return workers;
    }

    public static async Task<Ok<WorkersResponse>> ListWorkers(TaskActors actors, WorkerPools pools, CancellationToken cancellationToken)
    {
        var push = await actors.Registry().InvokeMethodAsync<IReadOnlyList<PushRegistration>>(nameof(IRegistryActor.PushRegistrations), cancellationToken);
        var workers = pools.Latest().OrderBy(worker => worker.WorkerId, StringComparer.Ordinal)
            .Select(worker => new WorkerResponse(worker.WorkerId, worker.Kind, worker.TaskTypes, worker.LastSeen, worker.Leases, pools.IsAlive(worker)))
            .ToList();
        var health = pools.Health();
        return TypedResults.Ok(new WorkersResponse(workers, push, health, health.Where(pool => pool.Status == PoolStatus.Degraded).Select(pool => pool.TaskType).ToList()));
    }

    /// <summary>Without <c>max</c> the answer is one leased task; with it, {"tasks":[…]} holding up to max tasks leased in one turn.</summary>
    public static async Task<Results<Ok<LeasedTask>, Ok<LeasedTasks>, NoContent, ProblemHttpResult>> Lease(
        string workerId, string? types, [FromQuery(Name = "lease_seconds")] int? leaseSeconds, int? max, TaskDispatcher dispatcher, WorkerPools pools,
        TaskQueueOptions options, HttpContext context, CancellationToken cancellationToken)
    {
        var taskTypes = (types ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (InvalidLeaseRequest(workerId, taskTypes, leaseSeconds, max, options) is { } problem)
        {
            return problem;
        }
        if (Refused(context, workerId, taskTypes, pools, options) is { } refused)
        {
            return refused;
        }
        var grants = await dispatcher.LeaseAsync(workerId, "pull", taskTypes, leaseSeconds ?? options.DefaultLeaseSeconds, max ?? 1, cancellationToken);
        if (grants.Count == 0)
        {
            return TypedResults.NoContent();
        }
        return max is null ? TypedResults.Ok(LeasedTask.From(grants[0])) : TypedResults.Ok(new LeasedTasks(grants.Select(LeasedTask.From).ToList()));
    }

    /// <summary>heartbeat, complete or fail one lease.</summary>
    public static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> Report(
        string workerId, string verb, WorkerReport body, TaskDispatcher dispatcher, WorkerDirectory directory, TaskQueueOptions options, CancellationToken cancellationToken)
    {
        if (Validate(workerId, verb, directory) is not { } kind)
        {
            return InvalidReportRoute(workerId, verb);
        }
        if (InvalidReport(body, options) is { } invalid)
        {
            return TypedResults.Problem(Problems.Invalid(invalid.Field, invalid.Error));
        }
        var reply = await dispatcher.ReportAsync(kind, body.TaskId!, ToLeaseReport(body, options), cancellationToken);
        return ReportOutcome(body.TaskId!, reply) is { } problem ? TypedResults.Problem(problem) : TypedResults.Ok(ReportResponse.From(body.TaskId!, reply!));
    }

    /// <summary>heartbeat, complete or fail many leases: all-or-nothing validation (400 names each bad item), then one result per report with its own status.</summary>
    public static async Task<Results<Ok<ReportBatchResponse>, ProblemHttpResult>> ReportBatch(
        string workerId, string verb, WorkerReportBatch body, TaskDispatcher dispatcher, WorkerDirectory directory, TaskQueueOptions options, CancellationToken cancellationToken)
    {
        if (Validate(workerId, verb, directory) is not { } kind)
        {
            return InvalidReportRoute(workerId, verb);
        }
        if (body.Reports is not { Count: > 0 and <= MaxBatch } reports)
        {
            return TypedResults.Problem(Problems.Invalid("reports", $"1-{MaxBatch} reports."));
        }
        var errors = reports.Select((report, index) => (Index: index, Invalid: InvalidReport(report, options)))
            .Where(item => item.Invalid is not null)
            .ToDictionary(item => $"reports[{item.Index}].{item.Invalid!.Value.Field}", item => new[] { item.Invalid!.Value.Error });
        if (errors.Count > 0)
        {
            return TypedResults.Problem(Problems.Invalid(errors));
        }
        var replies = await dispatcher.ReportAsync(kind, reports.Select(report => new TaskReport(report.TaskId!, ToLeaseReport(report, options))).ToList(), cancellationToken);
        return TypedResults.Ok(new ReportBatchResponse(reports.Zip(replies, (report, reply) => ReportItemResult.From(report.TaskId!, reply, ReportOutcome(report.TaskId!, reply))).ToList()));
    }

    public static async Task<Results<Created<PushRegistration>, ProblemHttpResult>> RegisterPush(
        PushRegistrationBody body, TaskActors actors, WorkerPools pools, TaskQueueOptions options, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
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
        if (Refused(context, PushDispatcher.WorkerId(body.AppId), taskTypes, pools, options) is { } refused)
        {
            return refused;
        }
        var registration = new PushRegistration(body.AppId, taskTypes.Distinct().ToList(), method, concurrency, time.GetUtcNow());
        await actors.Registry().InvokeMethodAsync(nameof(IRegistryActor.RegisterPush), registration, cancellationToken);
        return TypedResults.Created($"/api/v1/workers/push/{registration.AppId}", registration);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnregisterPush(string appId, TaskActors actors, CancellationToken cancellationToken) =>
        await actors.Registry().InvokeMethodAsync<string, bool>(nameof(IRegistryActor.UnregisterPush), appId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(Problems.NotRegistered(appId));

    private static ProblemHttpResult? InvalidLeaseRequest(string workerId, List<string> taskTypes, int? leaseSeconds, int? max, TaskQueueOptions options)
    {
        if (!WorkerIdPattern().IsMatch(workerId))
        {
            return InvalidWorkerId();
        }
        if (taskTypes.Count is 0 or > MaxTypesPerLease || taskTypes.Any(type => !TaskValidation.TaskTypePattern().IsMatch(type)))
        {
            return TypedResults.Problem(Problems.Invalid("types", $"1-{MaxTypesPerLease} comma-separated task types."));
        }
        if (leaseSeconds is < 1 || leaseSeconds > options.MaxLeaseSeconds)
        {
            return TypedResults.Problem(Problems.Invalid("lease_seconds", $"1-{options.MaxLeaseSeconds}."));
        }
        if (max is < 1 or > MaxBatch)
        {
            return TypedResults.Problem(Problems.Invalid("max", $"1-{MaxBatch}."));
        }
        return null;
    }

    /// <summary>403 when the worker's key does not cover these types; 429 (Retry-After: a lease length) when a pool is full.</summary>
    private static ProblemHttpResult? Refused(HttpContext context, string workerId, IReadOnlyList<string> taskTypes, WorkerPools pools, TaskQueueOptions options)
    {
        var key = WorkerKeyFilter.KeyOf(context);
        if (!key.Allows(taskTypes))
        {
            return TypedResults.Problem(Problems.Forbidden($"Worker key '{key.KeyId}' may serve only {string.Join(", ", key.TaskTypes)}."));
        }
        if (pools.Refusing(workerId, taskTypes) is not { } pool)
        {
            return null;
        }
        context.Response.Headers.RetryAfter = options.DefaultLeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(Problems.PoolFull(pool));
    }

    /// <summary>The report kind named by the route, for a valid worker id (a heartbeat also marks the worker alive); null otherwise.</summary>
    private static ReportKind? Validate(string workerId, string verb, WorkerDirectory directory)
    {
        ReportKind? kind = verb switch
        {
            "heartbeat" => ReportKind.Heartbeat,
            "complete" => ReportKind.Complete,
            "fail" => ReportKind.Fail,
            _ => null,
        };
        if (kind is null || !WorkerIdPattern().IsMatch(workerId))
        {
            return null;
        }
        if (kind == ReportKind.Heartbeat)
        {
            directory.Seen(workerId, "pull", [], leases: 0);
        }
        return kind;
    }

    private static ProblemHttpResult InvalidReportRoute(string workerId, string verb) => WorkerIdPattern().IsMatch(workerId)
        ? TypedResults.Problem(Problems.NotFound("Not found", $"No worker call '{Problems.Short(verb)}': heartbeat, complete or fail."))
        : InvalidWorkerId();

    private static (string Field, string Error)? InvalidReport(WorkerReport body, TaskQueueOptions options)
    {
        if (body.TaskId is null || !TaskIds.IsValid(body.TaskId) || body.FencingToken is null)
        {
            return ("task_id", "task_id and fencing_token from the lease are required.");
        }
        if (body.LeaseSeconds is { } seconds && (seconds < 1 || seconds > options.MaxLeaseSeconds))
        {
            return ("lease_seconds", $"1-{options.MaxLeaseSeconds}.");
        }
        if (body.Error is { Length: > MaxErrorLength })
        {
            return ("error", $"At most {MaxErrorLength} characters.");
        }
        return null;
    }

    private static LeaseReport ToLeaseReport(WorkerReport body, TaskQueueOptions options) =>
        new(body.FencingToken!.Value, body.LeaseSeconds ?? options.DefaultLeaseSeconds, body.Result?.GetRawText(), body.Error ?? "failed");

    /// <summary>The problem a report's reply amounts to (404 unknown, 409 stale token or lease ended); null when it was accepted.</summary>
    private static ProblemDetails? ReportOutcome(string taskId, LeaseReply? reply) => reply?.Check switch
    {
        null => Problems.TaskNotFound(taskId),
        LeaseCheck.Stale => Problems.StaleFencingToken(taskId),
        LeaseCheck.NotRunning => Problems.NotRunning(taskId, Names.Of(reply.State)),
        _ => null,
    };

    private static ProblemHttpResult InvalidWorkerId() =>
        TypedResults.Problem(Problems.Invalid("workerId", "1-128 letters, digits, '.', '_', ':' or '-'."));
}
