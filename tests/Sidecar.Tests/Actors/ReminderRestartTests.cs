using AmazonScale.TestActorHost.Actors;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>Reminders and actor state are durable: both the sidecar and the app stop, start again, and carry on.</summary>
public sealed class ReminderRestartTests : IDisposable
{
    private readonly ResourcesFolder _resources = SqliteActorStore.WriteTo(new ResourcesFolder());

    public void Dispose() => _resources.Dispose();

    [Fact]
    public async Task Reminder_registered_before_a_full_restart_fires_afterwards()
    {
        await using (var before = await ActorNode.StartAsync(_resources))
        {
            await before.Proxy<IReminderActor>("durable-1", nameof(ReminderActor))
                .ScheduleReminderAsync(new ScheduleSpec("after-restart", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 2, "still here"));
            await before.Proxy<ICounterActor>("durable-1", nameof(CounterActor)).IncrementAsync(42);
            Assert.Empty(before.Log.Of("reminder", "durable-1"));
        }

        await using var after = await ActorNode.StartAsync(_resources);
        await Eventually.TrueAsync(() => after.Log.Of("reminder", "durable-1").Count == 2, TimeSpan.FromSeconds(15), "both fires after the restart");
        Assert.All(after.Log.Of("reminder", "durable-1"), fire => Assert.Equal("after-restart:still here", fire.Detail));
        Assert.Equal(42, await after.Proxy<ICounterActor>("durable-1", nameof(CounterActor)).GetAsync());
    }
}
