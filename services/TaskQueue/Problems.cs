using AmazonScale.TaskQueue.Domain;
using Microsoft.AspNetCore.Mvc;

namespace AmazonScale.TaskQueue;

/// <summary>The RFC 9457 problems this API answers with, worded once.</summary>
public static class Problems
{
    public static ProblemDetails TaskNotFound(string id) => New(404, "Task not found", $"No task '{Short(id)}'.");

    public static ProblemDetails PayloadTooLarge(int limit) => New(413, "Payload too large", $"payload must be at most {limit} bytes of JSON.");

    public static ProblemDetails Unprocessable(string detail) => New(422, "Unprocessable task graph", detail);

    public static ProblemDetails StaleFencingToken(string taskId) =>
        New(409, "Stale fencing token", $"Task '{Short(taskId)}' has been leased again since this token was issued; this worker's result must not take effect.");

    public static ProblemDetails NotRunning(string taskId, string state) => New(409, "Task not running", $"Task '{Short(taskId)}' is {state}; the lease has ended.");

    public static ProblemDetails NotRegistered(string appId) => New(404, "Not registered", $"No push registration for '{Short(appId)}'.");

    public static ProblemDetails Conflict(string title, string detail) => New(409, title, detail);

    public static ProblemDetails Invalid(string field, string error) => Invalid(new Dictionary<string, string[]> { [field] = [error] });

    /// <summary>A 400 listing every invalid field under the "errors" extension member.</summary>
    public static ProblemDetails Invalid(IDictionary<string, string[]> errors) => new()
    {
        Status = 400,
        Title = "Invalid request",
        Detail = "One or more fields are invalid; see errors.",
        Extensions = { ["errors"] = errors },
    };

    public static ProblemDetails Unauthorized(string detail) => New(401, "Unauthorized", detail);

    public static ProblemDetails Forbidden(string detail) => New(403, "Forbidden", detail);

    public static ProblemDetails PoolFull(WorkerPool pool) =>
        New(429, "Worker pool full", $"The pool of '{Short(pool.TaskType)}' already has its maximum of {pool.MaxWorkers} workers alive; retry when one leaves.");

    public static ProblemDetails NotFound(string title, string detail) => New(404, title, detail);

    private static ProblemDetails New(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    public static string Short(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
