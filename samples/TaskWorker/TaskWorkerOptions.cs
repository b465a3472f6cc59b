namespace AmazonScale.Samples.TaskWorker;

/// <summary>Settings from the "TaskWorker" configuration section.</summary>
public sealed class TaskWorkerOptions
{
    public const string Section = "TaskWorker";

    /// <summary>The task queue's worker key (sent as X-Worker-Key when registering); an admin creates one with POST /api/v1/workers/keys.</summary>
    public string? WorkerKey { get; set; }

    /// <summary>The Dapr app id of the task queue to register with.</summary>
    public string QueueAppId { get; set; } = "task-queue";

    /// <summary>This app's Dapr app id (the queue delivers to it); defaults to APP_ID, then OTEL_SERVICE_NAME.</summary>
    public string? AppId { get; set; }

    /// <summary>Empty means the types <see cref="TaskHandlers"/> knows (binding appends to a non-empty default, so none is set here).</summary>
    public List<string> TaskTypes { get; set; } = [];

    public IReadOnlyList<string> EffectiveTaskTypes => TaskTypes.Count > 0 ? TaskTypes : TaskHandlers.KnownTypes;

    public int MaxConcurrency { get; set; } = 4;
}
