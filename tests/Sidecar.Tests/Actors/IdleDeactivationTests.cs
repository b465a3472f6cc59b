using AmazonScale.TestActorHost;
using AmazonScale.TestActorHost.Actors;

namespace AmazonScale.Sidecar.Tests.Actors;

public sealed class IdleDeactivationTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    [Fact]
    public async Task Idle_actor_is_deactivated_and_the_next_call_reactivates_it_with_its_saved_state()
    {
        var counter = fixture.Node.Proxy<ICounterActor>("idle-1", nameof(CounterActor));
        await counter.IncrementAsync(7);

        await Eventually.TrueAsync(() => fixture.Node.Log.Of("deactivated", "idle-1").Count == 1, TimeSpan.FromSeconds(10), "OnDeactivateAsync after the idle timeout");

        Assert.Equal(7, await counter.GetAsync());
        Assert.Equal(2, fixture.Node.Log.Of("activated", "idle-1").Count);
    }

    [Fact]
    public async Task Calls_keep_an_actor_active()
    {
        var counter = fixture.Node.Proxy<ICounterActor>("busy-1", nameof(CounterActor));
        var until = DateTime.UtcNow + TestActorsSetup.CounterIdleTimeout * 2.5;
        while (DateTime.UtcNow < until)
        {
            await counter.IncrementAsync(1);
            await Task.Delay(100);
        }
        Assert.Empty(fixture.Node.Log.Of("deactivated", "busy-1"));
    }
}
