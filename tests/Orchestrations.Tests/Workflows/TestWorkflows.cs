namespace AmazonScale.Orchestrations.Tests.Workflows;

/// <summary>Three activities in sequence, each appending its task id.</summary>
public sealed class ChainWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var value = input;
        for (var step = 0; step < 3; step++)
        {
            context.SetCustomStatus(new { step });
            value = await context.CallActivityAsync<string>(nameof(AppendActivity), value);
        }
        return value;
    }
}

/// <summary>Squares 1..n in parallel and sums them.</summary>
public sealed class FanOutWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowContext context, int input)
    {
        var squares = Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(SquareActivity), i));
        return (await Task.WhenAll(squares)).Sum();
    }
}

/// <summary>Sleeps on a durable timer and reports the workflow clock before and after.</summary>
public sealed class TimerWorkflow : Workflow<int, TimerWorkflow.Result>
{
    public sealed record Result(DateTime Before, DateTime After);

    public override async Task<Result> RunAsync(WorkflowContext context, int input)
    {
        var before = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromMilliseconds(input));
        return new Result(before, context.CurrentUtcDateTime);
    }
}

/// <summary>Waits for "approval" with a timeout (input, in milliseconds).</summary>
public sealed class ApprovalWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int input)
    {
        try
        {
            var approver = await context.WaitForExternalEventAsync<string>("approval", TimeSpan.FromMilliseconds(input));
            return "approved by " + approver;
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }
}

/// <summary>Calls FlakyActivity (which succeeds on attempt <c>input</c>) with back-off retries.</summary>
public sealed class RetryWorkflow : Workflow<int, string>
{
    public static readonly WorkflowRetryPolicy Policy = new(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(200), backoffCoefficient: 2);

    public override Task<string> RunAsync(WorkflowContext context, int input) =>
        context.CallActivityAsync<string>(nameof(FlakyActivity), input, new WorkflowTaskOptions(Policy));
}

/// <summary>Runs ChainWorkflow as a child and wraps its output.</summary>
public sealed class ParentWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var child = await context.CallChildWorkflowAsync<string>(nameof(ChainWorkflow), input);
        return $"parent({child})";
    }
}

/// <summary>Counts to 3 through continue-as-new, collecting "tick" events on the way.</summary>
public sealed class CounterWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowContext context, int input)
    {
        if (input >= 3)
        {
            return input;
        }
        var increment = await context.WaitForExternalEventAsync<int>("tick");
        context.ContinueAsNew(input + increment);
        return input;
    }
}

/// <summary>Runs the gated activity, then waits for "go" and runs AppendActivity.</summary>
public sealed class GatedWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var gated = await context.CallActivityAsync<string>(nameof(GatedActivity), input);
        await context.WaitForExternalEventAsync<object?>("go");
        return await context.CallActivityAsync<string>(nameof(AppendActivity), gated);
    }
}

/// <summary>Fails: its activity always throws and there is no retry.</summary>
public sealed class FailingWorkflow : Workflow<int, string>
{
    public override Task<string> RunAsync(WorkflowContext context, int input) =>
        context.CallActivityAsync<string>(nameof(FlakyActivity), int.MaxValue);
}

public static class TestRegistrations
{
    public static void RegisterAll(WorkflowRuntimeOptions options)
    {
        options.RegisterWorkflow<ChainWorkflow>();
        options.RegisterWorkflow<FanOutWorkflow>();
        options.RegisterWorkflow<TimerWorkflow>();
        options.RegisterWorkflow<ApprovalWorkflow>();
        options.RegisterWorkflow<RetryWorkflow>();
        options.RegisterWorkflow<ParentWorkflow>();
        options.RegisterWorkflow<CounterWorkflow>();
        options.RegisterWorkflow<GatedWorkflow>();
        options.RegisterWorkflow<FailingWorkflow>();
        options.RegisterActivity<AppendActivity>();
        options.RegisterActivity<SquareActivity>();
        options.RegisterActivity<FlakyActivity>();
        options.RegisterActivity<GatedActivity>();
        options.RedeliveryInterval = TimeSpan.FromMilliseconds(500);
    }
}
