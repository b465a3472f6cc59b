using AmazonScale.TestActorHost.Actors;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>Two instances of one app, each behind its own sidecar, sharing a SQLite actor state store.</summary>
public sealed class PlacementTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ResourcesFolder _resources = SqliteActorStore.WriteTo(new ResourcesFolder());
    private ActorNode _first = null!;
    private ActorNode? _second;

    public async Task InitializeAsync() => _first = await ActorNode.StartAsync(_resources);

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
        await _first.DisposeAsync();
        _resources.Dispose();
    }

    private static string[] Ids(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToArray();

    private static HashSet<string> ActivatedOn(ActorNode node, string kind = "activated") =>
        node.Log.Events.Where(e => e.Kind == kind).Select(e => e.ActorId).ToHashSet();

    [Fact]
    public async Task Actors_are_spread_over_both_instances_and_each_lives_in_exactly_one()
    {
        _second = await ActorNode.StartAsync(_resources);
        var ids = Ids("spread", 40);
        foreach (var id in ids)
        {
            await _first.Proxy<ICounterActor>(id, nameof(CounterActor)).IncrementAsync(1);
            await _second.Proxy<ICounterActor>(id, nameof(CounterActor)).IncrementAsync(1);
        }

        var onFirst = ActivatedOn(_first);
        var onSecond = ActivatedOn(_second);
        Assert.NotEmpty(onFirst);
        Assert.NotEmpty(onSecond);
        Assert.Empty(onFirst.Intersect(onSecond));
        Assert.Equal(ids.Order(), onFirst.Union(onSecond).Order());
        foreach (var id in ids)
        {
            Assert.Equal(2, await _first.Proxy<ICounterActor>(id, nameof(CounterActor)).GetAsync());
        }
    }

    [Fact]
    public async Task A_joining_instance_takes_over_its_share_after_the_old_owner_deactivates_it()
    {
        // Bank accounts keep the default idle timeout, so every deactivation seen here is a rebalance.
        var ids = Ids("join", 30);
        foreach (var id in ids)
        {
            await _first.Proxy<IBankAccountActor>(id, nameof(BankAccountActor)).DepositAsync(5);
        }
        _second = await ActorNode.StartAsync(_resources);
        await Eventually.TrueAsync(() => ActivatedOn(_first, "deactivated").Count > 0, Timeout, "rebalancing deactivates moved actors");

        foreach (var id in ids)
        {
            Assert.Equal(6, await _first.Proxy<IBankAccountActor>(id, nameof(BankAccountActor)).DepositAsync(1));
        }
        var moved = ActivatedOn(_first, "deactivated");
        Assert.Equal(moved.Order(), ActivatedOn(_second).Order());
    }

    [Fact]
    public async Task Stopping_one_instance_mid_load_moves_its_actors_and_every_later_call_succeeds()
    {
        _second = await ActorNode.StartAsync(_resources);
        var load = new CounterLoad(_first, Ids("failover", 20));
        await Eventually.TrueAsync(() => load.Successes > 200 && ActivatedOn(_second).Count > 0, Timeout, "load on both instances");

        var victim = _second;
        _second = null;
        await victim.DisposeAsync();
        load.MarkFailover();
        var atStop = load.Successes;
        await Eventually.TrueAsync(() => load.Successes > atStop + 200, Timeout, "load continuing on the survivor");
        await load.StopAsync();

        Assert.Empty(load.LateFailures);
        Assert.True(load.Ids.All(ActivatedOn(_first).Contains), "every actor runs on the survivor after failover");
        await load.AssertNothingLostAsync();
    }

    [Fact]
    public async Task Reminders_fire_once_per_due_time_across_instances()
    {
        _second = await ActorNode.StartAsync(_resources);
        var ids = Ids("remind", 10);
        foreach (var id in ids)
        {
            await _first.Proxy<IReminderActor>(id, nameof(ReminderActor))
                .ScheduleReminderAsync(new ScheduleSpec("once-each", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 2, id));
        }
        int Fires() => _first.Log.Events.Concat(_second.Log.Events).Count(e => e.Kind == "reminder");
        await Eventually.TrueAsync(() => Fires() == 20, Timeout, "two fires per actor");
        await Task.Delay(TimeSpan.FromMilliseconds(1_500));

        Assert.Equal(20, Fires());
        var perActor = _first.Log.Events.Concat(_second.Log.Events).Where(e => e.Kind == "reminder").GroupBy(e => e.ActorId);
        Assert.All(perActor, group => Assert.Equal(2, group.Count()));
    }

    [Fact]
    public async Task Reminders_registered_concurrently_through_any_instance_all_reach_their_owner()
    {
        _second = await ActorNode.StartAsync(_resources);
        var nodes = new[] { _first, _second };
        // Half of these land on a sidecar that does not own the actor; its owner learns of them from the shared index.
        await Task.WhenAll(Ids("index", 30).Select(async (id, i) =>
        {
            using var response = await nodes[i % 2].Sidecar.Http.PutAsync($"v1.0/actors/ReminderActor/{id}/reminders/once",
                new StringContent("""{"dueTime":"0h0m0s300ms","data":""}""", System.Text.Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }));

        int Fires() => nodes.Sum(n => n.Log.Events.Count(e => e.Kind == "reminder" && e.ActorId.StartsWith("index-", StringComparison.Ordinal)));
        await Eventually.TrueAsync(() => Fires() == 30, Timeout, "every reminder to fire");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(30, Fires());
    }
}
