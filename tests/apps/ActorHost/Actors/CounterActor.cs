using Dapr.Actors.Runtime;

namespace AmazonScale.TestActorHost.Actors;

public sealed class CounterActor(ActorHost host, ActorEventLog log) : LoggedActor(host, log), ICounterActor
{
    private const string CountKey = "count";

    public async Task<long> IncrementAsync(long by)
    {
        using (Log.Enter(nameof(CounterActor), Id.GetId()))
        {
            var current = await StateManager.TryGetStateAsync<long>(CountKey);
            // Yield between read and write so overlapping turns would interleave and lose increments.
            await Task.Yield();
            var next = (current.HasValue ? current.Value : 0) + by;
            await StateManager.SetStateAsync(CountKey, next);
            return next;
        }
    }

    public async Task<long> GetAsync()
    {
        var current = await StateManager.TryGetStateAsync<long>(CountKey);
        return current.HasValue ? current.Value : 0;
    }

    public Task FailAsync(string message) => throw new InvalidOperationException(message);
}
