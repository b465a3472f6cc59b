using System.Text.Json.Serialization;

namespace AmazonScale.Orchestrations.Engine.History;

/// <summary>
/// One entry of an instance's event-sourced history. Payloads are JSON text. Task ids number the steps the
/// workflow code takes (activities, timers, child workflows) in the order it takes them; replay matches
/// the code's steps against these ids.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ExecutionStarted), "executionStarted")]
[JsonDerivedType(typeof(OrchestratorStarted), "orchestratorStarted")]
[JsonDerivedType(typeof(TaskScheduled), "taskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "taskFailed")]
[JsonDerivedType(typeof(TimerCreated), "timerCreated")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(EventRaised), "eventRaised")]
[JsonDerivedType(typeof(ChildWorkflowCreated), "childWorkflowCreated")]
[JsonDerivedType(typeof(ChildWorkflowCompleted), "childWorkflowCompleted")]
[JsonDerivedType(typeof(ChildWorkflowFailed), "childWorkflowFailed")]
[JsonDerivedType(typeof(ExecutionSuspended), "executionSuspended")]
[JsonDerivedType(typeof(ExecutionResumed), "executionResumed")]
[JsonDerivedType(typeof(ExecutionTerminated), "executionTerminated")]
[JsonDerivedType(typeof(ExecutionCompleted), "executionCompleted")]
public abstract record HistoryEvent(DateTimeOffset Timestamp);

/// <summary>Starts an execution; a continue-as-new starts a new execution (new id, fresh history) of the same instance.</summary>
public sealed record ExecutionStarted(DateTimeOffset Timestamp, string Name, string ExecutionId, string? Input, ParentInstance? Parent) : HistoryEvent(Timestamp);

/// <summary>Opens a step of execution; its timestamp is the workflow's CurrentUtcDateTime for that step.</summary>
public sealed record OrchestratorStarted(DateTimeOffset Timestamp) : HistoryEvent(Timestamp);

public sealed record TaskScheduled(DateTimeOffset Timestamp, int TaskId, string Name, string? Input) : HistoryEvent(Timestamp), IStepTaken;

public sealed record TaskCompleted(DateTimeOffset Timestamp, int TaskId, string? Result) : HistoryEvent(Timestamp), IStepOutcome;

public sealed record TaskFailed(DateTimeOffset Timestamp, int TaskId, WorkflowTaskFailureDetails Failure) : HistoryEvent(Timestamp), IStepOutcome;

public sealed record TimerCreated(DateTimeOffset Timestamp, int TaskId, DateTimeOffset FireAt) : HistoryEvent(Timestamp), IStepTaken;

public sealed record TimerFired(DateTimeOffset Timestamp, int TaskId) : HistoryEvent(Timestamp), IStepOutcome;

public sealed record EventRaised(DateTimeOffset Timestamp, string Name, string? Input) : HistoryEvent(Timestamp);

public sealed record ChildWorkflowCreated(DateTimeOffset Timestamp, int TaskId, string Name, string InstanceId, string? Input) : HistoryEvent(Timestamp), IStepTaken;

public sealed record ChildWorkflowCompleted(DateTimeOffset Timestamp, int TaskId, string? Result) : HistoryEvent(Timestamp), IStepOutcome;

public sealed record ChildWorkflowFailed(DateTimeOffset Timestamp, int TaskId, WorkflowTaskFailureDetails Failure) : HistoryEvent(Timestamp), IStepOutcome;

public sealed record ExecutionSuspended(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(Timestamp);

public sealed record ExecutionResumed(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(Timestamp);

public sealed record ExecutionTerminated(DateTimeOffset Timestamp, string? Output) : HistoryEvent(Timestamp);

public sealed record ExecutionCompleted(DateTimeOffset Timestamp, WorkflowRuntimeStatus Status, string? Output, WorkflowTaskFailureDetails? Failure) : HistoryEvent(Timestamp);

/// <summary>The parent step a child workflow reports its completion to.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId);
