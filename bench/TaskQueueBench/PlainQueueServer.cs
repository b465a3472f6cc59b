using System.Collections.Concurrent;
using System.Text.Json;

namespace AmazonScale.Bench.TaskQueue;

/// <summary>
/// Baseline: the same HTTP calls against plain Kestrel with a ConcurrentQueue behind them — no priorities, no
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
        app.MapPost("/api/v1/tasks", (JsonElement body) =>
        {
            var id = Guid.NewGuid().ToString("N");
            ready.Enqueue((id, body.GetProperty("payload").Clone()));
            return Results.Json(new { id }, statusCode: 201);
        });
        app.MapPost("/api/v1/workers/{workerId}/lease", (string workerId) =>
        {
            if (!ready.TryDequeue(out var task))
            {
                return Results.NoContent();
            }
            var fencing = Interlocked.Increment(ref token);
            running[task.Id] = fencing;
            return Results.Json(new Dictionary<string, object> { ["task_id"] = task.Id, ["fencing_token"] = fencing, ["payload"] = task.Payload });
        });
        app.MapPost("/api/v1/workers/{workerId}/complete", (string workerId, JsonElement body) =>
            running.TryRemove(body.GetProperty("task_id").GetString()!, out _) ? Results.Ok() : Results.Conflict());
        await app.StartAsync();
        return app;
    }
}
