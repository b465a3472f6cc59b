using System.Collections.Concurrent;
using System.Text.Json;

namespace AmazonScale.Bench.TaskQueue;

/// <summary>
/// Baseline: the same HTTP calls (single and batch) against plain Kestrel with a ConcurrentQueue behind them — no priorities, no
/// durability, no sidecar. It shows what the HTTP round trips alone cost on this machine in the same run.
/// </summary>
public static class PlainQueueServer
{
    public static async Task<WebApplication> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
        var app = builder.Build();
        var ready = new ConcurrentQueue<(string Id, JsonElement Payload)>();
        var running = new ConcurrentDictionary<string, long>();
        long token = 0;
        string Enqueue(JsonElement task)
        {
            var id = Guid.NewGuid().ToString("N");
            ready.Enqueue((id, task.GetProperty("payload").Clone()));
            return id;
        }
        Dictionary<string, object>? Lease()
        {
            if (!ready.TryDequeue(out var task))
            {
                return null;
            }
            var fencing = Interlocked.Increment(ref token);
            running[task.Id] = fencing;
            return new Dictionary<string, object> { ["task_id"] = task.Id, ["fencing_token"] = fencing, ["payload"] = task.Payload };
        }
        bool Complete(JsonElement report) => running.TryRemove(report.GetProperty("task_id").GetString()!, out _);

        app.MapPost("/api/v1/tasks", (JsonElement body) => Results.Json(new { id = Enqueue(body) }, statusCode: 201));
        app.MapPost("/api/v1/tasks/batch", (JsonElement body) =>
            Results.Json(new { items = body.GetProperty("tasks").EnumerateArray().Select(item => new { id = Enqueue(item.GetProperty("task")), status = 201 }).ToList() }, statusCode: 201));
        app.MapPost("/api/v1/workers/{workerId}/lease", (string workerId, int? max) =>
        {
            if (max is null)
            {
                return Lease() is { } task ? Results.Json(task) : Results.NoContent();
            }
            var tasks = Enumerable.Range(0, max.Value).Select(_ => Lease()).TakeWhile(task => task is not null).ToList();
            return tasks.Count > 0 ? Results.Json(new { tasks }) : Results.NoContent();
        });
        app.MapPost("/api/v1/workers/{workerId}/complete", (string workerId, JsonElement body) => Complete(body) ? Results.Ok() : Results.Conflict());
        app.MapPost("/api/v1/workers/{workerId}/complete/batch", (string workerId, JsonElement body) =>
            Results.Json(new { results = body.GetProperty("reports").EnumerateArray().Select(report => new { status = Complete(report) ? 200 : 409 }).ToList() }));
        await app.StartAsync();
        return app;
    }
}
