using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Replay;

/// <summary>What one replay produced: new steps to record and dispatch, the custom status, and the outcome if the run ended.</summary>
public sealed record ExecutionResult(IReadOnlyList<WorkflowAction> Actions, string? CustomStatus, ExecutionOutcome? Outcome);

public abstract record ExecutionOutcome;

public sealed record CompletedOutcome(string? Output) : ExecutionOutcome;

public sealed record FailedOutcome(WorkflowTaskFailureDetails Failure) : ExecutionOutcome;

public sealed record ContinuedAsNewOutcome(string? NewInput, IReadOnlyList<EventRaised> CarriedEvents) : ExecutionOutcome;
