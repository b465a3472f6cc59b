using Dapr.Actors;
using Dapr.Actors.Runtime;

namespace AmazonScale.Bench.Orchestration;

public interface IStepActor : IActor
{
    Task<int> StepAsync(int value);
}

/// <summary>The baseline: one chain step as an actor call that persists its progress (no history, no crash recovery).</summary>
public sealed class StepActor(ActorHost host) : Actor(host), IStepActor
{
    public async Task<int> StepAsync(int value)
    {
        await StateManager.SetStateAsync("progress", value + 1);
        return value + 1;
    }
}
