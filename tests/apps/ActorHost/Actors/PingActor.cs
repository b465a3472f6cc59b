using Dapr.Actors.Runtime;

namespace AmazonScale.TestActorHost.Actors;

/// <summary>Half of a reentrant pair: Ping → Pong → Ping … on the same ids, which deadlocks without reentrancy.</summary>
public sealed class PingActor(ActorHost host, ActorEventLog log) : LoggedActor(host, log), IPingActor
{
    public async Task<int> PingAsync(int hops) => hops == 0
        ? 0
        : 1 + await ProxyFactory.CreateActorProxy<IPongActor>(Id, nameof(PongActor)).PongAsync(hops - 1);
}

public sealed class PongActor(ActorHost host, ActorEventLog log) : LoggedActor(host, log), IPongActor
{
    public async Task<int> PongAsync(int hops) => hops == 0
        ? 0
        : 1 + await ProxyFactory.CreateActorProxy<IPingActor>(Id, nameof(PingActor)).PingAsync(hops - 1);
}
