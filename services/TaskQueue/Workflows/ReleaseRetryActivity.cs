using AmazonScale.Orchestrations;
using AmazonScale.TaskQueue.Actors;

namespace AmazonScale.TaskQueue.Workflows;

/// <summary>Releases the task for its next attempt; false when that already happened or the task moved on (cancelled).</summary>
public sealed class ReleaseRetryActivity(TaskActors actors) : WorkflowActivity<RetryInput, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, RetryInput input) =>
        actors.ShardOf(input.TaskId).InvokeMethodAsync<ReleaseAttempt, bool>(nameof(ITaskShardActor.ReleaseRetry),
            new ReleaseAttempt(input.TaskId, input.Attempt), context.CancellationToken);
}
