namespace AmazonScale.Orchestrations;

/// <summary>
/// A unit of work a workflow schedules. Activities run at least once: after a crash an activity whose
/// result was not yet recorded runs again, so make its side effects idempotent.
/// </summary>
public abstract class WorkflowActivity<TInput, TOutput> : IWorkflowActivity
{
    public abstract Task<TOutput> RunAsync(WorkflowActivityContext context, TInput input);

    Type IWorkflowActivity.InputType => typeof(TInput);

    async Task<object?> IWorkflowActivity.RunAsync(WorkflowActivityContext context, object? input) => await RunAsync(context, (TInput)input!);
}

/// <summary>The untyped view of an activity the engine runs.</summary>
public interface IWorkflowActivity
{
    Type InputType { get; }

    Task<object?> RunAsync(WorkflowActivityContext context, object? input);
}

/// <summary>What an activity knows about its invocation.</summary>
public sealed record WorkflowActivityContext(string Name, string InstanceId, int TaskId, CancellationToken CancellationToken);
