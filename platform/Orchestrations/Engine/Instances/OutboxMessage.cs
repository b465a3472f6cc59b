using System.Text.Json.Serialization;
using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>
/// Work an instance committed to but has not seen done yet. It is persisted together with the history that
/// produced it and removed only when acknowledged, so a crash at any point leads to a re-delivery, never a loss.
/// Local messages (timers) are carried out by the instance itself; the others by the outbox delivery.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RunActivity), "runActivity")]
[JsonDerivedType(typeof(StartChild), "startChild")]
[JsonDerivedType(typeof(NotifyParent), "notifyParent")]
[JsonDerivedType(typeof(TerminateChild), "terminateChild")]
[JsonDerivedType(typeof(RegisterTimer), "registerTimer")]
[JsonDerivedType(typeof(CancelTimer), "cancelTimer")]
public abstract record OutboxMessage(int Id)
{
    [JsonIgnore]
    public virtual bool IsLocal => false;
}

/// <summary>Run an activity; its acknowledgement carries the TaskCompleted/TaskFailed result.</summary>
public sealed record RunActivity(int Id, string ExecutionId, int TaskId, string Name, string? Input, string? TraceParent) : OutboxMessage(Id);

public sealed record StartChild(int Id, string InstanceId, string Name, string? Input, ParentInstance Parent) : OutboxMessage(Id);

/// <summary>Tell the parent this child ended (ChildWorkflowCompleted or ChildWorkflowFailed).</summary>
public sealed record NotifyParent(int Id, ParentInstance Parent, HistoryEvent Result) : OutboxMessage(Id);

public sealed record TerminateChild(int Id, string InstanceId, string? Reason) : OutboxMessage(Id);

public sealed record RegisterTimer(int Id, string ExecutionId, int TaskId, DateTimeOffset FireAt) : OutboxMessage(Id)
{
    public override bool IsLocal => true;
}

public sealed record CancelTimer(int Id, string ExecutionId, int TaskId) : OutboxMessage(Id)
{
    public override bool IsLocal => true;
}
