using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Actors;

// The JSON messages of the actor methods (Dapr actor methods take at most one argument).

public sealed record NewTask(string Id, TaskSpec Spec);

/// <param name="WithRecords">Answer with each task's whole record (a single create answers with it); else ids and states only.</param>
public sealed record CreateTasks(List<NewTask> Tasks, bool WithRecords);

/// <summary>
/// One task of a Create call: whether it was created or existed already (a repeat keeps the first submission, so
/// <paramref name="Dependencies"/> are the stored task's), and its record only when <see cref="CreateTasks.WithRecords"/>.
/// </summary>
public sealed record TaskCreation(string Id, TaskState State, bool Created, IReadOnlyList<string> Dependencies, TaskRecord? Record);

public sealed record AddDependant(string TaskId, string DependantId);

/// <summary>Whether the dependency had already ended when the dependant registered (then it will not be told again).</summary>
public sealed record DependantRegistration(bool Ended, bool Succeeded);

public sealed record LeaseTasks(string WorkerId, List<string> TaskTypes, int LeaseSeconds, int Max);

public sealed record TaskReport(string TaskId, LeaseReport Report);

public sealed record ReportTasks(ReportKind Kind, List<TaskReport> Reports);

public sealed record CancelReply(CancelOutcome Outcome, TaskRecord Task);

public sealed record RetryReply(bool Retried, TaskRecord Task);

public sealed record ReleaseAttempt(string TaskId, int Attempt);

public sealed record ResolveDependencies(string TaskId, string? FailedDependency);

public sealed record DeadLetter(string TaskId, string TaskType, string? Error, int Attempts, DateTimeOffset At);

public sealed record DeadLetterPage(int Total, IReadOnlyList<DeadLetter> Items);
