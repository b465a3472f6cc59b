namespace AmazonScale.Orchestrations;

/// <summary>
/// What workflow code may use (mirrors Dapr.Workflow's WorkflowContext). Every method records or replays a
/// step of the history; call them only from the workflow's own async flow.
/// </summary>
public abstract class WorkflowContext
{
    /// <summary>The registered name of the running workflow.</summary>
    public abstract string Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The time of the current step, taken from history: identical on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes steps already in history (use it to avoid duplicate logs).</summary>
    public abstract bool IsReplaying { get; }

    public abstract Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowTaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>Waits for an event raised on this instance; events raised before the wait are buffered. Names are case-insensitive.</summary>
    public abstract Task<T> WaitForExternalEventAsync<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="WaitForExternalEventAsync{T}(string, CancellationToken)"/>, throwing <see cref="TaskCanceledException"/> after <paramref name="timeout"/> (a durable timer).</summary>
    public abstract Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout);

    public abstract Task<TResult> CallChildWorkflowAsync<TResult>(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null);

    public Task CallChildWorkflowAsync(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null) =>
        CallChildWorkflowAsync<object?>(workflowName, input, options);

    /// <summary>
    /// Restarts the instance with a fresh history and <paramref name="newInput"/> once the current run returns
    /// (the way to write eternal workflows without unbounded history). Unconsumed events carry over when
    /// <paramref name="preserveUnprocessedEvents"/> is true.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A status readable by clients while the workflow runs (JSON-serialized).</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>A GUID that is the same on every replay of this step (never use Guid.NewGuid in workflow code).</summary>
    public abstract Guid NewGuid();
}
