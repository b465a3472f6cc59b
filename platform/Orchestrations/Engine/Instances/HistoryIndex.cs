using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>Which steps of a history were scheduled and which have a result, to drop duplicate or stale deliveries.</summary>
internal sealed class HistoryIndex
{
    private readonly Dictionary<int, IStepTaken> _scheduled = [];
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
            TaskCompleted or TaskFailed => Resolves<TaskScheduled>((IStepOutcome)inbound),
            TimerFired fired => Resolves<TimerCreated>(fired),
            ChildWorkflowCompleted or ChildWorkflowFailed => Resolves<ChildWorkflowCreated>((IStepOutcome)inbound),
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
            case IStepTaken taken:
                _scheduled[taken.TaskId] = taken;
                break;
            case IStepOutcome outcome:
                _resolved.Add(outcome.TaskId);
                break;
        }
    }

    private bool Resolves<TScheduled>(IStepOutcome outcome) =>
        _scheduled.TryGetValue(outcome.TaskId, out var scheduled) && scheduled is TScheduled && !_resolved.Contains(outcome.TaskId);

    private IEnumerable<T> Open<T>() where T : IStepTaken => _scheduled.Values.OfType<T>().Where(step => !_resolved.Contains(step.TaskId));
}
