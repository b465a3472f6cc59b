using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Replay;

/// <summary>A step the workflow code asked for. Replay checks it against the history event recorded for the same task id.</summary>
public abstract record WorkflowAction(int TaskId)
{
    public abstract HistoryEvent ToHistoryEvent(DateTimeOffset now);

    public abstract bool Matches(HistoryEvent recorded);
}

public sealed record ScheduleActivityAction(int TaskId, string Name, string? Input) : WorkflowAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent(DateTimeOffset now) => new TaskScheduled(now, TaskId, Name, Input);

    public override bool Matches(HistoryEvent recorded) => recorded is TaskScheduled scheduled && scheduled.Name == Name;

    public override string ToString() => $"activity '{Name}'";
}

public sealed record CreateTimerAction(int TaskId, DateTimeOffset FireAt) : WorkflowAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent(DateTimeOffset now) => new TimerCreated(now, TaskId, FireAt);

    public override bool Matches(HistoryEvent recorded) => recorded is TimerCreated;

    public override string ToString() => "a timer";
}

public sealed record ScheduleChildWorkflowAction(int TaskId, string Name, string InstanceId, string? Input) : WorkflowAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent(DateTimeOffset now) => new ChildWorkflowCreated(now, TaskId, Name, InstanceId, Input);

    public override bool Matches(HistoryEvent recorded) => recorded is ChildWorkflowCreated created && created.Name == Name;

    public override string ToString() => $"child workflow '{Name}'";
}
