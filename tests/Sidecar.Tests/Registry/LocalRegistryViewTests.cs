using AmazonScale.Sidecar.Discovery;
using AmazonScale.Sidecar.Tests.Actors;
using AmazonScale.Sidecar.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AmazonScale.Sidecar.Tests.Registry;

/// <summary>
/// Two sidecars sharing one registry folder on a controlled clock: how old a view of the machine can be when a caller
/// gets it, and when the caller's own thread pays for reading the folder.
/// </summary>
public sealed class LocalRegistryViewTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("registry-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_view_past_its_refresh_age_is_served_at_once_while_a_background_read_brings_in_a_new_peer()
    {
        var observer = Registry("observer");
        Assert.Equal(["observer"], AppIds(observer.LiveInstances()));
        Registry("joiner");

        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(["observer"], AppIds(observer.LiveInstances()));

        await Eventually.TrueAsync(() => AppIds(observer.LiveInstances()).SequenceEqual(["joiner", "observer"]),
            TimeSpan.FromSeconds(5), "the background read to bring in the joiner");
    }

    [Fact]
    public void A_view_past_the_stale_limit_is_never_served_the_caller_reads_the_folder()
    {
        var observer = Registry("observer");
        Assert.Equal(["observer"], AppIds(observer.LiveInstances()));
        Registry("joiner");

        _time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal(["joiner", "observer"], AppIds(observer.LiveInstances()));
    }

    [Fact]
    public void After_an_invalidation_no_view_read_before_it_is_served()
    {
        var observer = Registry("observer");
        Assert.Equal(["observer"], AppIds(observer.LiveInstances()));
        Registry("joiner");

        observer.Invalidate();

        Assert.Equal(["joiner", "observer"], AppIds(observer.LiveInstances()));
    }

    [Fact]
    public void A_change_counts_as_visible_to_peers_once_no_peer_can_serve_a_view_read_before_it()
    {
        var observer = Registry("observer");
        var joiner = Registry("joiner");
        Assert.False(observer.LiveInstances().Single(i => i.AppId == "joiner").Ready);

        joiner.UpdateSelf(self => self with { Ready = true });
        var visible = joiner.WhenVisibleToPeersAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(visible.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(visible.IsCompleted);
        Assert.True(observer.LiveInstances().Single(i => i.AppId == "joiner").Ready);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private LocalRegistry Registry(string appId)
    {
        var registry = new LocalRegistry(new SidecarOptions { AppId = appId, RegistryDirectory = _folder }, NullLogger<LocalRegistry>.Instance, _time);
        registry.UpdateSelf(self => self);
        return registry;
    }

    private static string[] AppIds(IReadOnlyList<SidecarInstance> instances) => instances.Select(i => i.AppId).ToArray();
}
