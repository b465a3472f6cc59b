using AmazonScale.Orchestrations;
using AmazonScale.TaskQueue.Actors;

namespace AmazonScale.TaskQueue.Workflows;

/// <summary>Releases the task for its next attempt; false when that already happened or the task moved on (cancelled).</summary>
public sealed class ReleaseRetryActivity(TaskActors actors) : WorkflowActivity<RetryInput, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, RetryInput input) =>
        actors.Task(input.TaskId).InvokeMethodAsync<ReleaseAttempt, bool>(nameof(ITaskActor.ReleaseRetry), new ReleaseAttempt(input.Attempt), context.CancellationToken);
}
