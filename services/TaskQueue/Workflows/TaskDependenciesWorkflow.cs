using AmazonScale.Orchestrations;

namespace AmazonScale.TaskQueue.Workflows;

/// <summary>
/// Holds a task until every dependency has ended: each dependency raises <see cref="DependencyEvent"/>
/// once it ends (repeats are ignored). The first one that did not succeed ends the wait, and the task fails or is skipped
/// by its policy, which in turn tells its own dependants: failure propagates down the DAG.
/// </summary>
public sealed class TaskDependenciesWorkflow : Workflow<DependenciesInput, string?>
{
    private static readonly WorkflowTaskOptions Transient = new(new WorkflowRetryPolicy(10, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30)));

    public const string DependencyEvent = "dependency-ended";

    public static string InstanceId(string taskId) => $"deps-{taskId}";

    public override async Task<string?> RunAsync(WorkflowContext context, DependenciesInput input)
    {
        var waiting = new HashSet<string>(input.Dependencies, StringComparer.Ordinal);
        string? failed = null;
        while (waiting.Count > 0 && failed is null)
        {
            var ended = await context.WaitForExternalEventAsync<DependencyEnded>(DependencyEvent);
            if (waiting.Remove(ended.TaskId) && !ended.Succeeded)
            {
                failed = ended.TaskId;
            }
        }
        await context.CallActivityAsync<bool>(nameof(ResolveDependenciesActivity), new ResolveInput(input.TaskId, failed), Transient);
        return failed;
    }
}
