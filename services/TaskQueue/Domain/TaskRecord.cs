namespace AmazonScale.TaskQueue.Domain;

/// <summary>
/// One task and its state machine. Plain data plus transitions so every rule (fencing, leases, retries,
/// cancellation, dependencies) is unit-testable without actors. The fencing token grows with every lease (by one, or
/// up to the shard's epoch floor after a restart), so a worker holding an older lease can always be told apart from
/// the current holder.
/// </summary>
public sealed class TaskRecord
{
    public required string Id { get; init; }
    public required TaskSpec Spec { get; init; }
    public TaskState State { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The current attempt, 1-based; a lease that expires does not start a new attempt.</summary>
    public int Attempt { get; set; }
    public long FencingToken { get; set; }
    public string? WorkerId { get; set; }
    public DateTimeOffset? ReadySince { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>When the running attempt has used up timeout_seconds.</summary>
    public DateTimeOffset? DeadlineAt { get; set; }
    public bool CancelRequested { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? ResultJson { get; set; }
    public string? Error { get; set; }

    /// <summary>Tasks that depend on this one: told when it ends.</summary>
    public List<string> Dependants { get; init; } = [];

    public static TaskRecord Create(string id, TaskSpec spec, DateTimeOffset now)
    {
        var record = new TaskRecord { Id = id, Spec = spec, CreatedAt = now, UpdatedAt = now, State = TaskState.Blocked };
        if (spec.Dependencies.Count == 0)
        {
            record.Release(now);
        }
        return record;
    }

    public bool IsDelayed(DateTimeOffset now) => Spec.ScheduledAt is { } at && at > now;

    /// <summary>Dependencies satisfied (or none): the first attempt waits for scheduled_at or is ready now.</summary>
    public void Release(DateTimeOffset now)
    {
        Attempt = 1;
        if (IsDelayed(now))
        {
            Move(TaskState.Scheduled, now);
        }
        else
        {
            BecomeReady(now);
        }
    }

    /// <summary>The delay reminder fired. False when there is nothing to release (already released, cancelled, not yet due).</summary>
    public bool ReleaseScheduled(DateTimeOffset now, TimeSpan earlyTolerance)
    {
        if (State != TaskState.Scheduled || Spec.ScheduledAt > now + earlyTolerance)
        {
            return false;
        }
        BecomeReady(now);
        return true;
    }

    /// <summary>The retry workflow's back-off ended. Only the expected attempt is released, once.</summary>
    public bool ReleaseRetry(int attempt, DateTimeOffset now)
    {
        if (State != TaskState.RetryWaiting || attempt != Attempt + 1)
        {
            return false;
        }
        Attempt = attempt;
        NextAttemptAt = null;
        BecomeReady(now);
        return true;
    }

    /// <summary>Every dependency ended; <paramref name="failedDependency"/> names one that did not succeed.</summary>
    public bool ResolveDependencies(string? failedDependency, DateTimeOffset now)
    {
        if (State != TaskState.Blocked)
        {
            return false;
        }
        if (failedDependency is null)
        {
            Release(now);
        }
        else
        {
            Error = $"dependency {failedDependency} did not succeed";
            Finish(Spec.DependencyPolicy == DependencyPolicy.Skip ? TaskState.Skipped : TaskState.Failed, now);
        }
        return true;
    }

    /// <param name="tokenFloor">No token handed out before this activation of the shard reached it (see <see cref="TaskShard"/>).</param>
    public LeaseGrant? Lease(string workerId, TimeSpan leaseDuration, DateTimeOffset now, long tokenFloor = 0)
    {
        if (State != TaskState.Ready)
        {
            return null;
        }
        FencingToken = Math.Max(FencingToken, tokenFloor) + 1;
        WorkerId = workerId;
        StartedAt ??= now;
        DeadlineAt ??= now + TimeSpan.FromSeconds(Spec.TimeoutSeconds);
        LeaseExpiresAt = Min(now + leaseDuration, DeadlineAt.Value);
        Move(TaskState.Running, now);
        return new LeaseGrant(Id, Spec.TaskType, Spec.PayloadJson, Spec.Priority, Attempt, FencingToken, LeaseExpiresAt.Value, DeadlineAt.Value, Spec.Critical, ReadySince ?? now);
    }

    public LeaseCheck Heartbeat(long fencingToken, TimeSpan leaseDuration, DateTimeOffset now)
    {
        var check = CheckHolder(fencingToken);
        if (check == LeaseCheck.Current)
        {
            LeaseExpiresAt = Min(now + leaseDuration, DeadlineAt!.Value);
            UpdatedAt = now;
        }
        return check;
    }

    public LeaseCheck Complete(long fencingToken, string? resultJson, DateTimeOffset now)
    {
        if (State == TaskState.Succeeded && fencingToken == FencingToken)
        {
            return LeaseCheck.AlreadyDone;
        }
        var check = CheckHolder(fencingToken);
        if (check == LeaseCheck.Current)
        {
            ResultJson = resultJson;
            Finish(TaskState.Succeeded, now);
        }
        return check;
    }

    /// <summary>The holder reports failure; <paramref name="jitterSample"/> spreads the back-off.</summary>
    public LeaseCheck Fail(long fencingToken, string error, double jitterSample, DateTimeOffset now)
    {
        var check = CheckHolder(fencingToken);
        if (check == LeaseCheck.Current)
        {
            FailAttempt(error, jitterSample, now);
        }
        return check;
    }

    /// <summary>
    /// The lease reminder fired: past the deadline the attempt fails (timeout); past the lease the worker is
    /// presumed dead and the task goes back to its queue (the next lease gets a higher fencing token).
    /// </summary>
    public LeaseExpiry ExpireLease(double jitterSample, DateTimeOffset now)
    {
        if (State != TaskState.Running)
        {
            return LeaseExpiry.NotRunning;
        }
        if (now >= DeadlineAt)
        {
            FailAttempt($"timed out after {Spec.TimeoutSeconds} s", jitterSample, now);
            return LeaseExpiry.Ended;
        }
        if (now < LeaseExpiresAt)
        {
            return LeaseExpiry.StillLeased;
        }
        if (CancelRequested)
        {
            Finish(TaskState.Cancelled, now);
            return LeaseExpiry.Ended;
        }
        WorkerId = null;
        LeaseExpiresAt = null;
        BecomeReady(now);
        return LeaseExpiry.Requeued;
    }

    /// <summary>
    /// A lease held before the shard's last restart is void: its holder's token is fenced off at once (<paramref name="tokenFloor"/>
    /// is above every token handed out before) and the next sweep ends the lease as if it had expired.
    /// </summary>
    public void VoidLease(long tokenFloor, DateTimeOffset now)
    {
        if (State == TaskState.Running)
        {
            FencingToken = Math.Max(FencingToken, tokenFloor);
            LeaseExpiresAt = now;
        }
    }

    /// <summary>Pending work is cancelled at once and never starts; running work is asked to stop through its heartbeat.</summary>
    public CancelOutcome Cancel(DateTimeOffset now)
    {
        if (State.IsFinal())
        {
            return CancelOutcome.AlreadyFinal;
        }
        if (State == TaskState.Running)
        {
            CancelRequested = true;
            UpdatedAt = now;
            return CancelOutcome.Requested;
        }
        Finish(TaskState.Cancelled, now);
        return CancelOutcome.Cancelled;
    }

    /// <summary>An explicit retry of a task that ended without success: a fresh first attempt.</summary>
    public bool Retry(DateTimeOffset now)
    {
        if (State is not (TaskState.DeadLettered or TaskState.Failed or TaskState.Skipped or TaskState.Cancelled))
        {
            return false;
        }
        Attempt = 1;
        DeadlineAt = null;
        StartedAt = null;
        FinishedAt = null;
        Error = null;
        CancelRequested = false;
        BecomeReady(now);
        return true;
    }

    private void FailAttempt(string error, double jitterSample, DateTimeOffset now)
    {
        Error = error;
        WorkerId = null;
        LeaseExpiresAt = null;
        DeadlineAt = null;
        if (CancelRequested)
        {
            Finish(TaskState.Cancelled, now);
        }
        else if (Attempt < Spec.MaxAttempts)
        {
            NextAttemptAt = now + Spec.Backoff.DelayAfter(Attempt, jitterSample);
            Move(TaskState.RetryWaiting, now);
        }
        else
        {
            Finish(TaskState.DeadLettered, now);
        }
    }

    private LeaseCheck CheckHolder(long fencingToken)
    {
        if (fencingToken != FencingToken)
        {
            return LeaseCheck.Stale;
        }
        return State == TaskState.Running ? LeaseCheck.Current : LeaseCheck.NotRunning;
    }

    private void BecomeReady(DateTimeOffset now)
    {
        ReadySince = now;
        Move(TaskState.Ready, now);
    }

    private void Finish(TaskState state, DateTimeOffset now)
    {
        FinishedAt = now;
        WorkerId = null;
        LeaseExpiresAt = null;
        Move(state, now);
    }

    private void Move(TaskState state, DateTimeOffset now)
    {
        State = state;
        UpdatedAt = now;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
