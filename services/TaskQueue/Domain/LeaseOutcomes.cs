namespace AmazonScale.TaskQueue.Domain;

/// <summary>How a heartbeat, completion or failure report relates to the current lease.</summary>
public enum LeaseCheck
{
    /// <summary>Presented by the current holder of a running task: applied.</summary>
    Current,
    /// <summary>A repeated completion by the holder whose completion was already recorded: nothing changes.</summary>
    AlreadyDone,
    /// <summary>An older fencing token: a later lease exists, so this caller's work must not take effect.</summary>
    Stale,
    /// <summary>The token is current but the task is no longer running (ended, re-queued after expiry).</summary>
    NotRunning,
}

public enum LeaseExpiry
{
    NotRunning,
    StillLeased,
    Requeued,
    /// <summary>The attempt ended (timeout, or a cancelled task whose worker stopped answering).</summary>
    Ended,
}

public enum CancelOutcome
{
    /// <summary>Was pending: it will never start.</summary>
    Cancelled,
    /// <summary>Running: the worker learns it from its next heartbeat.</summary>
    Requested,
    AlreadyFinal,
}

/// <summary>A worker's heartbeat (LeaseSeconds), completion (ResultJson) or failure (Error) under a fencing token.</summary>
public sealed record LeaseReport(long FencingToken, int LeaseSeconds, string? ResultJson, string? Error);

public sealed record LeaseReply(LeaseCheck Check, DateTimeOffset? LeaseExpiresAt, bool CancelRequested, TaskState State);
