using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>kill -9 of an app instance and its sidecar (real processes) while actors on it are under load.</summary>
public sealed class CrashTests : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = SqliteActorStore.WriteTo(new ResourcesFolder());
    private ActorNode _survivor = null!;
    private ProcessActorNode _victim = null!;

    public async Task InitializeAsync()
    {
        _survivor = await ActorNode.StartAsync(_resources);
        _victim = await ProcessActorNode.StartAsync(_resources);
    }

    public async Task DisposeAsync()
    {
        _victim.Dispose();
        await _survivor.DisposeAsync();
        _resources.Dispose();
    }

    [Fact]
    public async Task Killing_an_instance_mid_load_loses_no_state_and_every_later_call_succeeds()
    {
        var load = new CounterLoad(_survivor, Enumerable.Range(0, 20).Select(i => $"crash-{i}").ToList());
        int OnSurvivor() => _survivor.Log.Events.Where(e => e.Kind == "activated").Select(e => e.ActorId).Distinct().Count();
        // Fewer than all 20 activated on the survivor means the others are being served by the victim.
        await Eventually.TrueAsync(() => load.Successes > 200 && OnSurvivor() < 20, TimeSpan.FromSeconds(20), "load on both instances");

        _victim.KillHard();
        load.MarkFailover();
        var atKill = load.Successes;
        await Eventually.TrueAsync(() => load.Successes > atKill + 300, TimeSpan.FromSeconds(20), "load continuing on the survivor");
        await load.StopAsync();

        Assert.Empty(load.LateFailures);
        Assert.Equal(20, OnSurvivor());
        await load.AssertNothingLostAsync();
    }
}
