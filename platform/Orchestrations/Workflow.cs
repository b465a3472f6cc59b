namespace AmazonScale.Orchestrations;

/// <summary>
/// A durable workflow (same shape as Dapr.Workflow's). <see cref="RunAsync"/> is replayed from the recorded
/// history every time the instance wakes up, so it must be deterministic: take time from
/// <see cref="WorkflowContext.CurrentUtcDateTime"/>, ids from <see cref="WorkflowContext.NewGuid"/>, and do
/// all I/O in activities. Await only tasks returned by the context (no Task.Run, Task.Delay,
/// ConfigureAwait(false) or direct I/O): the engine fails the instance when it cannot make progress.
/// </summary>
public abstract class Workflow<TInput, TOutput> : IWorkflow
{
    public abstract Task<TOutput> RunAsync(WorkflowContext context, TInput input);

    Type IWorkflow.InputType => typeof(TInput);

    async Task<object?> IWorkflow.RunAsync(WorkflowContext context, object? input) => await RunAsync(context, (TInput)input!);
}

/// <summary>The untyped view of a workflow the engine runs.</summary>
public interface IWorkflow
{
    Type InputType { get; }

    Task<object?> RunAsync(WorkflowContext context, object? input);
}
