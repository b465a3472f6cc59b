using AmazonScale.TestActorHost.Actors;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>
/// Many actors of one type registering reminders at the same moment on SQLite: every registration lands in
/// the (partitioned) index and fires exactly once, instead of failing as "too contended".
/// </summary>
public sealed class ReminderIndexContentionTests : IDisposable
{
    private const int Actors = 200;

    private readonly ResourcesFolder _resources = SqliteActorStore.WriteTo(new ResourcesFolder());

    public void Dispose() => _resources.Dispose();

    [Fact]
    public async Task Concurrent_registrations_all_fire_once()
    {
        await using var node = await ActorNode.StartAsync(_resources);
        var ids = Enumerable.Range(0, Actors).Select(i => $"crowd-{i}").ToList();

        await Task.WhenAll(ids.Select(id => node.Proxy<IReminderActor>(id, nameof(ReminderActor))
            .ScheduleReminderAsync(new ScheduleSpec("once", TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1), 1, id))));

        await Eventually.TrueAsync(() => ids.All(id => node.Log.Of("reminder", id).Count >= 1), TimeSpan.FromSeconds(30), "every reminder to fire");
        Assert.All(ids, id => Assert.Equal($"once:{id}", Assert.Single(node.Log.Of("reminder", id)).Detail));
    }
}
