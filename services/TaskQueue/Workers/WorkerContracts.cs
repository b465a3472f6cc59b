using System.Text.Json;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;
using AmazonScale.TaskQueue.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>
/// A leased task as workers see it (the pull lease response and the body of a push delivery). Every later call about
/// it must carry task_id and fencing_token; side effects of critical tasks should be fenced with the token downstream.
/// </summary>
public sealed record LeasedTask(
    string TaskId,
    string TaskType,
    JsonElement Payload,
    int Priority,
    int Attempt,
    long FencingToken,
    DateTimeOffset LeaseExpiresAt,
    DateTimeOffset DeadlineAt,
    bool Critical)
{
    public static LeasedTask From(LeaseGrant grant) => new(grant.TaskId, grant.TaskType, JsonDocument.Parse(grant.PayloadJson).RootElement,
        grant.Priority, grant.Attempt, grant.FencingToken, grant.LeaseExpiresAt, grant.DeadlineAt, grant.Critical);
}

/// <summary>The answer to a lease with max: the tasks leased in one turn, most urgent first.</summary>
public sealed record LeasedTasks(IReadOnlyList<LeasedTask> Tasks);

/// <summary>Body of heartbeat, complete and fail. lease_seconds (heartbeat) extends the lease; result (complete) is any JSON.</summary>
public sealed record WorkerReport(string? TaskId, long? FencingToken, int? LeaseSeconds, JsonElement? Result, string? Error);

public sealed record ReportResponse(string TaskId, string Status, DateTimeOffset? LeaseExpiresAt, bool CancelRequested)
{
    public static ReportResponse From(string taskId, LeaseReply reply) => new(taskId, Names.Of(reply.State), reply.LeaseExpiresAt, reply.CancelRequested);
}

/// <summary>Body of the batch report endpoints.</summary>
public sealed record WorkerReportBatch(List<WorkerReport>? Reports);

/// <summary>One report's outcome: status 200 (accepted), 404 or 409 with the problem's title and detail.</summary>
public sealed record ReportItemResult(string TaskId, int Status, string? TaskStatus, DateTimeOffset? LeaseExpiresAt, bool CancelRequested, string? Title, string? Detail)
{
    public static ReportItemResult From(string taskId, LeaseReply? reply, ProblemDetails? problem) => new(taskId, problem?.Status ?? StatusCodes.Status200OK,
        reply is null ? null : Names.Of(reply.State), reply?.LeaseExpiresAt, reply?.CancelRequested ?? false, problem?.Title, problem?.Detail);
}

public sealed record ReportBatchResponse(IReadOnlyList<ReportItemResult> Results);

/// <summary>POST /api/v1/workers/push: the calling app (its Dapr app id) receives tasks of these types at <c>method</c>.</summary>
public sealed record PushRegistrationBody(string? AppId, List<string>? TaskTypes, string? Method, int? MaxConcurrency);

/// <summary>What a push worker answers to a delivery.</summary>
public sealed record PushOutcome(bool Succeeded, JsonElement? Result, string? Error);

public sealed record WorkerResponse(string WorkerId, string Kind, IReadOnlyList<string> TaskTypes, DateTimeOffset LastSeen, long Leases, bool Alive);

/// <summary>degraded_pools: task types whose pool has fewer alive workers than its minimum.</summary>
public sealed record WorkersResponse(IReadOnlyList<WorkerResponse> Workers, IReadOnlyList<PushRegistration> Push, IReadOnlyList<PoolHealth> Pools, IReadOnlyList<string> DegradedPools);
