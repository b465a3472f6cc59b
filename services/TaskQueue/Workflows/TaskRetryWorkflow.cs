using AmazonScale.Orchestrations;

namespace AmazonScale.TaskQueue.Workflows;

/// <summary>
/// One retry of a failed task: a durable timer for the back-off, then the task is released for the attempt. The
/// instance id names task and attempt, so scheduling it twice (a repeated failure report) starts it once.
/// </summary>
public sealed class TaskRetryWorkflow : Workflow<RetryInput, bool>
{
    private static readonly WorkflowTaskOptions Transient = new(new WorkflowRetryPolicy(10, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30)));

    public static string InstanceId(string taskId, int attempt) => $"retry-{taskId}-{attempt}";

    public override async Task<bool> RunAsync(WorkflowContext context, RetryInput input)
    {
        if (input.NotBefore.UtcDateTime > context.CurrentUtcDateTime)
        {
            await context.CreateTimer(input.NotBefore.UtcDateTime);
        }
        return await context.CallActivityAsync<bool>(nameof(ReleaseRetryActivity), input, Transient);
    }
}
