using AmazonScale.Orchestrations;

namespace AmazonScale.WorkflowHost;

public sealed record DurableChainInput(int Steps, int ActivityMilliseconds, int TimerMilliseconds);

public sealed record EffectRequest(int Step, int Milliseconds);

/// <summary>Steps activities in sequence, with a durable timer between consecutive steps when TimerMilliseconds > 0.</summary>
public sealed class DurableChainWorkflow : Workflow<DurableChainInput, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, DurableChainInput input)
    {
        var output = "";
        for (var step = 0; step < input.Steps; step++)
        {
            if (step > 0 && input.TimerMilliseconds > 0)
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(input.TimerMilliseconds));
            }
            output += await context.CallActivityAsync<string>(nameof(RecordEffectActivity), new EffectRequest(step, input.ActivityMilliseconds));
        }
        return output;
    }
}

/// <summary>Writes "start", works for the requested time, writes "done": a crash in between leaves a start without a done.</summary>
public sealed class RecordEffectActivity(EffectsFile effects) : WorkflowActivity<EffectRequest, string>
{
    public override async Task<string> RunAsync(WorkflowActivityContext context, EffectRequest input)
    {
        effects.Append($"{context.InstanceId} {input.Step} start");
        await Task.Delay(input.Milliseconds, context.CancellationToken);
        effects.Append($"{context.InstanceId} {input.Step} done");
        return $"[{input.Step}]";
    }
}
