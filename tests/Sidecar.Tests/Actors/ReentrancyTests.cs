using AmazonScale.TestActorHost;
using AmazonScale.TestActorHost.Actors;
using Dapr.Actors;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>Ping → Pong → Ping on the same ids re-enters the turn with Dapr-Reentrancy-Id instead of deadlocking.</summary>
public sealed class ReentrancyTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    [Fact]
    public async Task Call_chain_back_into_a_busy_actor_reenters_its_turn()
    {
        var ping = fixture.Node.Proxy<IPingActor>("pair-1", nameof(PingActor));
        Assert.Equal(6, await ping.PingAsync(6).WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Chain_deeper_than_maxStackDepth_fails_and_releases_every_turn()
    {
        var ping = fixture.Node.Proxy<IPingActor>("pair-deep", nameof(PingActor));
        // Ping(n) enters the Ping actor ceil(n/2) times within one reentrant chain; the limit is per actor.
        var deepest = TestActorsSetup.PingPongMaxStackDepth * 2 - 1;
        Assert.Equal(deepest, await ping.PingAsync(deepest).WaitAsync(TimeSpan.FromSeconds(20)));

        // One level more is refused by the sidecar (ERR_ACTOR_MAX_STACK_DEPTH_EXCEEDED, re-wrapped by every actor on the way back).
        await Assert.ThrowsAsync<ActorMethodInvocationException>(() => ping.PingAsync(deepest + 2).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(2, await ping.PingAsync(2).WaitAsync(TimeSpan.FromSeconds(20)));
    }
}
