namespace AmazonScale.TaskQueue;

/// <summary>Settings from the "TaskQueue" configuration section.</summary>
public sealed class TaskQueueOptions
{
    public const string Section = "TaskQueue";

    /// <summary>Key required (header X-Admin-Key) by the dead-letter administration endpoints; none configured = they refuse all calls.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// A worker key (header X-Worker-Key) accepted for every task type, for deployments that configure workers up front;
    /// more keys, optionally scoped to task types, come from POST /api/v1/workers/keys. None = only those.
    /// </summary>
    public string? WorkerKey { get; set; }

    /// <summary>Lease length when a worker asks for none; a worker that stops heartbeating loses its task after this.</summary>
    public int DefaultLeaseSeconds { get; set; } = 30;

    public int MaxLeaseSeconds { get; set; } = 600;

    /// <summary>A waiting task gains one priority level per step, so low priorities never starve.</summary>
    public TimeSpan AgeingStep { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Shard actors per task type (1-32). One shard keeps a type strictly ordered in one actor; more spread a hot type's
    /// turns over instances. Only ever raise it: task ids name their shard, and leases look in shards below this number.
    /// </summary>
    public int ShardsPerType { get; set; } = 1;

    /// <summary>How often a shard's sweep reminder fires again if a sweep could not be handled (store or app briefly down).</summary>
    public TimeSpan ReminderRetryPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Reminders may wake a few milliseconds early; a delayed task this close to its time is released.</summary>
    public TimeSpan EarlyReleaseTolerance { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Push deliveries in flight per registered worker app, per task-queue instance, when it asks for none.</summary>
    public int DefaultPushConcurrency { get; set; } = 4;

    public TimeSpan PushRegistryRefresh { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often this instance writes the workers it has seen to the shared directory.</summary>
    public TimeSpan WorkerDirectoryFlush { get; set; } = TimeSpan.FromSeconds(2);

    public string InstanceId { get; set; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
}
