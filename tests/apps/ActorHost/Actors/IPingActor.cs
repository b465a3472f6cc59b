using Dapr.Actors;

namespace AmazonScale.TestActorHost.Actors;

public interface IPingActor : IActor
{
    /// <summary>Bounces <paramref name="hops"/> times between this actor and the Pong actor of the same id; returns the hops made.</summary>
    Task<int> PingAsync(int hops);
}

public interface IPongActor : IActor
{
    Task<int> PongAsync(int hops);
}
