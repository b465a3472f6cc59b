namespace AmazonScale.Orchestrations.Tests.Workflows;

public sealed class AppendActivity(ActivityLog log) : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input)
    {
        log.Record(context);
        return Task.FromResult(input + "+" + context.TaskId);
    }
}

public sealed class SquareActivity(ActivityLog log) : WorkflowActivity<int, int>
{
    public override Task<int> RunAsync(WorkflowActivityContext context, int input)
    {
        log.Record(context);
        return Task.FromResult(input * input);
    }
}

/// <summary>Fails until its <paramref name="input"/>-th attempt for an instance.</summary>
public sealed class FlakyActivity(ActivityLog log) : WorkflowActivity<int, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, int input)
    {
        log.Record(context);
        var attempt = log.Count(context.Name, context.InstanceId);
        return attempt < input
            ? throw new InvalidOperationException($"attempt {attempt} failed")
            : Task.FromResult($"succeeded on attempt {attempt}");
    }
}

/// <summary>Blocks until the test opens the gate for its instance (to crash or suspend mid-activity).</summary>
public sealed class GatedActivity(ActivityLog log, ActivityGate gate) : WorkflowActivity<string, string>
{
    public override async Task<string> RunAsync(WorkflowActivityContext context, string input)
    {
        log.Record(context);
        await gate.WaitAsync(context.InstanceId, context.CancellationToken);
        return input + "+gated";
    }
}
