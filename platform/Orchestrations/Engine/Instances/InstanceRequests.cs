using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>Create an instance (idempotent: an existing instance is left as it is).</summary>
public sealed record StartRequest(string Name, string? Input, ParentInstance? Parent);

/// <summary>Whether the instance was created, and the parent of the instance that already existed otherwise.</summary>
public sealed record ScheduleResult(bool Created, ParentInstance? ExistingParent);

/// <summary>An event for an instance; with an execution id it is dropped unless that execution is still the current one.</summary>
public sealed record InboundEvent(string? ExecutionId, HistoryEvent Event);

/// <summary>An outbox message is done; for an activity, <see cref="Result"/> is its TaskCompleted/TaskFailed.</summary>
public sealed record Acknowledgement(int MessageId, string? ExecutionId, HistoryEvent? Result);

/// <summary>A durable timer of an execution came due.</summary>
public sealed record TimerDue(string ExecutionId, int TaskId);
