using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>
/// Everything one pub/sub test runs: a resources folder (component YAML + private registry, so tests never
/// see each other's sidecars), subscriber apps each behind its own sidecar, and an app-less publisher sidecar.
/// </summary>
public sealed class PubSubWorld : IAsyncDisposable
{
    public const string DeclarativeSubscription = """
        apiVersion: dapr.io/v2alpha1
        kind: Subscription
        metadata:
          name: declared-sub
        spec:
          pubsubname: pubsub
          topic: declared
          routes:
            default: /declared
        scopes:
        - subscriber
        """;

    private readonly List<IAsyncDisposable> _owned = [];

    private PubSubWorld(PubSubBackend backend)
    {
        Backend = backend;
        Resources.Write("pubsub.yaml", backend.ComponentYaml());
        Resources.Write("subscription.yaml", DeclarativeSubscription);
    }

    public PubSubBackend Backend { get; }

    public ResourcesFolder Resources { get; } = new();

    public SubscriberRecorder Recorder { get; } = new();

    public static PubSubWorld Create(PubSubBackend backend) => new(backend);

    /// <summary>Starts SubscriberApp behind a sidecar with <paramref name="appId"/>; <paramref name="instance"/> tells instances apart in recordings.</summary>
    public async Task<SidecarUnderTest> StartSubscriberAsync(string appId = "subscriber", string? instance = null)
    {
        var app = await SubscriberApp.StartAsync(instance ?? appId, Recorder);
        _owned.Add(app);
        var sidecar = await SidecarUnderTest.StartAsync(appId, Resources, appPort: app.Port);
        _owned.Add(sidecar);
        return sidecar;
    }

    public async Task<SidecarUnderTest> StartPublisherAsync(string appId = "publisher")
    {
        var sidecar = await SidecarUnderTest.StartAsync(appId, Resources);
        _owned.Add(sidecar);
        return sidecar;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
        Backend.Dispose();
        Resources.Dispose();
    }
}
