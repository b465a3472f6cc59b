using AmazonScale.Orchestrations;

namespace AmazonScale.Bench.Orchestration;

/// <summary>The measured workflow: three no-op activities in sequence.</summary>
public sealed class ChainWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowContext context, int input)
    {
        var value = input;
        for (var step = 0; step < 3; step++)
        {
            value = await context.CallActivityAsync<int>(nameof(IncrementActivity), value);
        }
        return value;
    }
}

public sealed class IncrementActivity : WorkflowActivity<int, int>
{
    public override Task<int> RunAsync(WorkflowActivityContext context, int input) => Task.FromResult(input + 1);
}
