using AmazonScale.Orchestrations;
using AmazonScale.TaskQueue.Actors;

namespace AmazonScale.TaskQueue.Workflows;

/// <summary>Tells the task its dependencies ended: it is released, or fails / is skipped when one did not succeed.</summary>
public sealed class ResolveDependenciesActivity(TaskActors actors) : WorkflowActivity<ResolveInput, bool>
{
    public override Task<bool> RunAsync(WorkflowActivityContext context, ResolveInput input) =>
        actors.ShardOf(input.TaskId).InvokeMethodAsync<ResolveDependencies, bool>(nameof(ITaskShardActor.ResolveDependencies),
            new ResolveDependencies(input.TaskId, input.FailedDependency), context.CancellationToken);
}
