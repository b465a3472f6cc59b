using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>Which steps of a history were scheduled and which have a result, to drop duplicate or stale deliveries.</summary>
internal sealed class HistoryIndex
{
    private readonly Dictionary<int, HistoryEvent> _scheduled = [];
    private readonly HashSet<int> _resolved = [];

    public HistoryIndex(IEnumerable<HistoryEvent> history)
    {
        foreach (var recorded in history)
        {
            Add(recorded);
        }
    }

    public bool HasStarted { get; private set; }

    public IEnumerable<int> OpenTimers => Open<TimerCreated>().Select(t => t.TaskId);

    public IEnumerable<ChildWorkflowCreated> OpenChildren => Open<ChildWorkflowCreated>();

    public bool IsResolved(int taskId) => _resolved.Contains(taskId);

    /// <summary>True when <paramref name="inbound"/> should be applied; records it so a second copy is refused.</summary>
    public bool Accept(HistoryEvent inbound)
    {
        var accepted = inbound switch
        {
            ExecutionStarted => !HasStarted,
            TaskCompleted or TaskFailed => Resolves<TaskScheduled>(ResultTaskId(inbound)),
            TimerFired fired => Resolves<TimerCreated>(fired.TaskId),
            ChildWorkflowCompleted or ChildWorkflowFailed => Resolves<ChildWorkflowCreated>(ResultTaskId(inbound)),
            _ => true,
        };
        if (accepted)
        {
            Add(inbound);
        }
        return accepted;
    }

    public void Add(HistoryEvent recorded)
    {
        switch (recorded)
        {
            case ExecutionStarted:
                HasStarted = true;
                break;
            case TaskScheduled scheduled:
                _scheduled[scheduled.TaskId] = scheduled;
                break;
            case TimerCreated timer:
                _scheduled[timer.TaskId] = timer;
                break;
            case ChildWorkflowCreated child:
                _scheduled[child.TaskId] = child;
                break;
            case TaskCompleted or TaskFailed or TimerFired or ChildWorkflowCompleted or ChildWorkflowFailed:
                _resolved.Add(ResultTaskId(recorded));
                break;
        }
    }

    private bool Resolves<TScheduled>(int taskId) => _scheduled.TryGetValue(taskId, out var scheduled) && scheduled is TScheduled && !_resolved.Contains(taskId);

    private IEnumerable<T> Open<T>() => _scheduled.Values.OfType<T>().Where(s => !_resolved.Contains(TaskIdOf(s!)));

    private static int TaskIdOf(object scheduled) => scheduled switch
    {
        TimerCreated timer => timer.TaskId,
        ChildWorkflowCreated child => child.TaskId,
        TaskScheduled task => task.TaskId,
        _ => -1,
    };

    private static int ResultTaskId(HistoryEvent result) => result switch
    {
        TaskCompleted completed => completed.TaskId,
        TaskFailed failed => failed.TaskId,
        TimerFired fired => fired.TaskId,
        ChildWorkflowCompleted completed => completed.TaskId,
        ChildWorkflowFailed failed => failed.TaskId,
        _ => -1,
    };
}
