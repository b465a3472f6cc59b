using System.Text.Json;

namespace AmazonScale.Samples.TaskWorker;

/// <summary>
/// The work itself, by task type: "echo" returns its payload, "sleep" waits payload.ms (stopping when the queue
/// aborts the delivery, e.g. on cancellation), "fail" always fails (to see retries and the dead-letter queue).
/// A type with a suffix ("echo-eu") is handled like its prefix, so one worker binary serves several queues.
/// </summary>
public static class TaskHandlers
{
    private const int MaxSleepMilliseconds = 600_000;

    public static readonly IReadOnlyList<string> KnownTypes = ["echo", "sleep", "fail"];

    public static async Task<TaskOutcome> RunAsync(PushedTask task, CancellationToken cancellationToken)
    {
        switch (KnownTypes.FirstOrDefault(known => task.TaskType == known || task.TaskType.StartsWith(known + "-", StringComparison.Ordinal)))
        {
            case "echo":
                return new TaskOutcome(true, new { echo = task.Payload, worker = "csharp", attempt = task.Attempt }, null);
            case "sleep":
                var ms = task.Payload.ValueKind == JsonValueKind.Object && task.Payload.TryGetProperty("ms", out var value) && value.TryGetInt32(out var parsed) ? parsed : 1000;
                await Task.Delay(Math.Clamp(ms, 0, MaxSleepMilliseconds), cancellationToken);
                return new TaskOutcome(true, new { slept_ms = ms }, null);
            case "fail":
                return new TaskOutcome(false, null, $"failing on purpose (attempt {task.Attempt})");
            default:
                return new TaskOutcome(false, null, $"this worker does not handle '{task.TaskType}'");
        }
    }
}
