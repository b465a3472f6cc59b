namespace AmazonScale.TaskQueue.Domain;

/// <summary>Where a task is in its life. The last five are final until an explicit retry.</summary>
public enum TaskState
{
    /// <summary>Waiting for its dependencies to succeed.</summary>
    Blocked,
    /// <summary>Waiting for scheduled_at (a durable reminder releases it).</summary>
    Scheduled,
    /// <summary>In a ready queue, waiting for a worker.</summary>
    Ready,
    /// <summary>Leased to a worker.</summary>
    Running,
    /// <summary>An attempt failed; the retry workflow releases it again after the back-off.</summary>
    RetryWaiting,
    Succeeded,
    /// <summary>Every attempt failed: the task is in the dead-letter queue.</summary>
    DeadLettered,
    /// <summary>A dependency did not succeed and the dependency policy is "fail".</summary>
    Failed,
    /// <summary>A dependency did not succeed and the dependency policy is "skip".</summary>
    Skipped,
    Cancelled,
}

public static class TaskStates
{
    public static bool IsFinal(this TaskState state) => state >= TaskState.Succeeded;
}
