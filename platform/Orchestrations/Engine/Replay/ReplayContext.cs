using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Replay;

/// <summary>
/// The <see cref="WorkflowContext"/> of one replay. Each call the workflow makes takes the next task id and
/// becomes a pending action; a recorded history event with that id confirms it (or proves non-determinism),
/// and a completion event resolves the task the workflow awaits.
/// </summary>
internal sealed class ReplayContext(string instanceId, string name, ReplaySynchronizationContext synchronization) : WorkflowContext
{
    private readonly SortedDictionary<int, WorkflowAction> _pending = [];
    private readonly Dictionary<int, Action<HistoryEvent>> _open = [];
    private readonly List<EventRaised> _buffered = [];
    private readonly List<(string Name, TaskCompletionSource<string?> Waiter)> _waiters = [];
    private int _nextTaskId;
    private int _guidCounter;
    private DateTime _currentUtc;
    private (string? Input, bool PreserveEvents)? _continueAsNew;

    public override string Name => name;

    public override string InstanceId => instanceId;

    public override DateTime CurrentUtcDateTime => _currentUtc;

    public override bool IsReplaying => Replaying;

    public bool Replaying { get; set; } = true;

    public string? CustomStatus { get; private set; }

    public Task<object?>? Run { get; private set; }

    /// <summary>True when the workflow waits on nothing the engine could ever complete.</summary>
    public bool IsStalled => _open.Count == 0 && _waiters.Count == 0;

    public IReadOnlyList<WorkflowAction> PendingActions => [.. _pending.Values];

    public void Apply(HistoryEvent recorded, IWorkflow workflow)
    {
        switch (recorded)
        {
            case ExecutionStarted started:
                Run = Start(workflow, started.Input);
                break;
            case OrchestratorStarted step:
                _currentUtc = step.Timestamp.UtcDateTime;
                break;
            case IStepTaken taken:
                Confirm(taken.TaskId, recorded);
                break;
            case IStepOutcome outcome:
                Resolve(outcome.TaskId, recorded);
                break;
            case EventRaised raised:
                Deliver(raised);
                break;
        }
    }

    public ExecutionOutcome? Outcome()
    {
        if (Run is not { IsCompleted: true } run)
        {
            return null;
        }
        if (run.Exception is { } exception)
        {
            return new FailedOutcome(WorkflowTaskFailureDetails.From(exception));
        }
        if (run.IsCanceled)
        {
            return new FailedOutcome(new WorkflowTaskFailureDetails(typeof(TaskCanceledException).FullName!, "the workflow was canceled", null));
        }
        return _continueAsNew is { } next
            ? new ContinuedAsNewOutcome(next.Input, next.PreserveEvents ? [.. _buffered] : [])
            : new CompletedOutcome(WorkflowJson.Serialize(run.Result));
    }

    public override async Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowTaskOptions? options = null)
    {
        var serialized = WorkflowJson.Serialize(input);
        var result = await WithRetriesAsync(options?.RetryPolicy, () => Schedule(id => new ScheduleActivityAction(id, name, serialized), $"activity '{name}'"));
        return WorkflowJson.Deserialize<T>(result);
    }

    public override async Task<TResult> CallChildWorkflowAsync<TResult>(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null)
    {
        var serialized = WorkflowJson.Serialize(input);
        var result = await WithRetriesAsync(options?.RetryPolicy, () =>
        {
            var childId = options?.InstanceId ?? $"{InstanceId}:{NewGuid():N}";
            return Schedule(id => new ScheduleChildWorkflowAction(id, workflowName, childId, serialized), $"child workflow '{workflowName}'");
        });
        return WorkflowJson.Deserialize<TResult>(result);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default)
    {
        var fireAtUtc = new DateTimeOffset(DateTime.SpecifyKind(fireAt.ToUniversalTime(), DateTimeKind.Utc));
        var timer = Schedule(id => new CreateTimerAction(id, fireAtUtc), "timer");
        if (cancellationToken.CanBeCanceled)
        {
            return timer.WaitAsync(cancellationToken);
        }
        return timer;
    }

    public override async Task<T> WaitForExternalEventAsync<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var waiter = Wait(eventName);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => Abandon(waiter, cancellationToken));
        }
        return WorkflowJson.Deserialize<T>(await waiter.Task);
    }

    public override async Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout)
    {
        var waiter = Wait(eventName);
        if (!waiter.Task.IsCompleted && timeout != Timeout.InfiniteTimeSpan)
        {
            var timer = CreateTimer(timeout);
            if (await Task.WhenAny(waiter.Task, timer) == timer)
            {
                Abandon(waiter, CancellationToken.None);
            }
        }
        return WorkflowJson.Deserialize<T>(await waiter.Task);
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        EnsureWorkflowThread();
        _continueAsNew = (WorkflowJson.Serialize(newInput), preserveUnprocessedEvents);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureWorkflowThread();
        CustomStatus = WorkflowJson.Serialize(customStatus);
    }

    public override Guid NewGuid()
    {
        EnsureWorkflowThread();
        return DeterministicGuid.Create($"{InstanceId}|{_currentUtc.Ticks}|{_guidCounter++}");
    }

    private Task<object?> Start(IWorkflow workflow, string? input)
    {
        try
        {
            return workflow.RunAsync(this, WorkflowJson.Deserialize(input, workflow.InputType));
        }
        catch (Exception ex)
        {
            return Task.FromException<object?>(ex);
        }
    }

    private Task<string?> Schedule(Func<int, WorkflowAction> create, string description)
    {
        EnsureWorkflowThread();
        var action = create(_nextTaskId++);
        var completion = new TaskCompletionSource<string?>();
        _pending.Add(action.TaskId, action);
        _open.Add(action.TaskId, recorded =>
        {
            switch (recorded)
            {
                case TaskCompleted completed:
                    completion.SetResult(completed.Result);
                    break;
                case ChildWorkflowCompleted completed:
                    completion.SetResult(completed.Result);
                    break;
                case TimerFired:
                    completion.SetResult(null);
                    break;
                case TaskFailed failed:
                    completion.SetException(new WorkflowTaskFailedException($"{description} failed: {failed.Failure.ErrorMessage}", failed.Failure));
                    break;
                case ChildWorkflowFailed failed:
                    completion.SetException(new WorkflowTaskFailedException($"{description} failed: {failed.Failure.ErrorMessage}", failed.Failure));
                    break;
            }
        });
        return completion.Task;
    }

    private async Task<string?> WithRetriesAsync(WorkflowRetryPolicy? policy, Func<Task<string?>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }
        var firstAttemptAt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (WorkflowTaskFailedException) when (number < policy.MaxNumberOfAttempts
                && (policy.RetryTimeout == Timeout.InfiniteTimeSpan || CurrentUtcDateTime - firstAttemptAt < policy.RetryTimeout))
            {
            }
            await CreateTimer(policy.DelayBefore(number + 1));
        }
    }

    private void Confirm(int taskId, HistoryEvent recorded)
    {
        if (!_pending.Remove(taskId, out var action))
        {
            throw new NonDeterministicWorkflowException(
                $"workflow '{Name}' ({InstanceId}): history records {Describe(recorded)} as step {taskId}, but the replayed code did not take that step.");
        }
        if (!action.Matches(recorded))
        {
            throw new NonDeterministicWorkflowException(
                $"workflow '{Name}' ({InstanceId}): history records {Describe(recorded)} as step {taskId}, but the replayed code scheduled {action}.");
        }
    }

    private void Resolve(int taskId, HistoryEvent recorded)
    {
        if (_open.Remove(taskId, out var resolve))
        {
            resolve(recorded);
        }
    }

    private TaskCompletionSource<string?> Wait(string eventName)
    {
        EnsureWorkflowThread();
        var waiter = new TaskCompletionSource<string?>();
        var index = _buffered.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            waiter.SetResult(_buffered[index].Input);
            _buffered.RemoveAt(index);
        }
        else
        {
            _waiters.Add((eventName, waiter));
        }
        return waiter;
    }

    private void Abandon(TaskCompletionSource<string?> waiter, CancellationToken cancellationToken)
    {
        _waiters.RemoveAll(w => w.Waiter == waiter);
        waiter.TrySetCanceled(cancellationToken);
    }

    private void Deliver(EventRaised raised)
    {
        var index = _waiters.FindIndex(w => string.Equals(w.Name, raised.Name, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            _buffered.Add(raised);
            return;
        }
        var waiter = _waiters[index].Waiter;
        _waiters.RemoveAt(index);
        waiter.SetResult(raised.Input);
    }

    private void EnsureWorkflowThread()
    {
        if (SynchronizationContext.Current != synchronization)
        {
            throw new InvalidOperationException(
                $"workflow '{Name}' ({InstanceId}) called its context outside the workflow's own flow: do not use Task.Run, ConfigureAwait(false), Task.Delay or I/O in workflow code.");
        }
    }

    private static string Describe(HistoryEvent recorded) => recorded switch
    {
        TaskScheduled scheduled => $"activity '{scheduled.Name}'",
        TimerCreated => "a timer",
        ChildWorkflowCreated child => $"child workflow '{child.Name}'",
        _ => recorded.GetType().Name,
    };
}
