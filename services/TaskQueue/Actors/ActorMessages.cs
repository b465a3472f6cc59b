using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Actors;

// The JSON messages of the actor methods (Dapr actor methods take at most one argument).

public sealed record CreateTask(TaskSpec Spec);

public sealed record TaskCreation(TaskRecord Task, bool Created);

/// <summary>Whether the dependency had already ended when the dependant registered (then it will not be told again).</summary>
public sealed record DependantRegistration(bool Ended, bool Succeeded);

public sealed record LeaseTask(string WorkerId, int LeaseSeconds);

public sealed record LeaseReport(long FencingToken, int LeaseSeconds, string? ResultJson, string? Error);

public sealed record LeaseReply(LeaseCheck Check, DateTimeOffset? LeaseExpiresAt, bool CancelRequested, string State);

public sealed record CancelReply(CancelOutcome Outcome, TaskRecord Task);

public sealed record RetryReply(bool Retried, TaskRecord Task);

public sealed record ReleaseAttempt(int Attempt);

public sealed record ResolveDependencies(string? FailedDependency);

public sealed record Enqueue(string TaskId, int Priority, bool WasRunning);

public sealed record Ack(string TaskId, bool Leased);

public sealed record AttemptEnded(bool Succeeded);

public sealed record QueueStats(
    string TaskType,
    int[] PendingByPriority,
    int Claimed,
    long Running,
    double OldestWaitSeconds,
    int CompletedLastMinute,
    int FailedLastMinute,
    long CompletedTotal,
    long FailedTotal);

public sealed record DeadLetter(string TaskId, string TaskType, string? Error, int Attempts, DateTimeOffset At);

public sealed record DeadLetterPage(int Total, IReadOnlyList<DeadLetter> Items);
