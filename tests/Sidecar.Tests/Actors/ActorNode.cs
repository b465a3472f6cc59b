using AmazonScale.TestSupport.Services;
using AmazonScale.TestActorHost;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>
/// One instance of the actor test app (Dapr.Actors.AspNetCore, MapActorsHandlers) behind its own sidecar,
/// both in the test process on free ports. The app talks to its sidecar through AddActors' HttpEndpoint.
/// </summary>
public sealed class ActorNode : IAsyncDisposable
{
    public const string AppId = "actor-host";

    public static readonly string InMemoryActorStore = ComponentYaml.InMemoryActorState("actorstore");

    private ActorNode(TestApp app, SidecarUnderTest sidecar)
    {
        App = app;
        Sidecar = sidecar;
    }

    public TestApp App { get; }

    public SidecarUnderTest Sidecar { get; }

    public ActorEventLog Log => App.Services.GetRequiredService<ActorEventLog>();

    public string Endpoint => $"http://127.0.0.1:{Sidecar.HttpPort}";

    public static async Task<ActorNode> StartAsync(ResourcesFolder resources, string? configPath = null)
    {
        var sidecarPort = FreePort.Next();
        var app = await TestApp.StartAsync(a => a.MapActorsHandlers(), services => services.AddTestActors($"http://127.0.0.1:{sidecarPort}"));
        try
        {
            var sidecar = await SidecarUnderTest.StartAsync(AppId, resources, appPort: app.Port, configPath: configPath, httpPort: sidecarPort);
            return new ActorNode(app, sidecar);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until this sidecar's registry view has <paramref name="count"/> ready instances of the app (placement agrees).</summary>
    public Task WaitForInstancesAsync(int count) =>
        Eventually.TrueAsync(() =>
        {
            var registry = Sidecar.Services.GetRequiredService<Discovery.LocalRegistry>();
            registry.Invalidate();
            return registry.ReadyInstancesOf(AppId).Count == count;
        }, TimeSpan.FromSeconds(10), $"{count} ready instances of {AppId} in the registry");

    /// <summary>A strongly typed (remoting) proxy through this node's sidecar, as a client service would create it.</summary>
    public T Proxy<T>(string actorId, string actorType) where T : IActor =>
        ActorProxy.Create<T>(new ActorId(actorId), actorType, new ActorProxyOptions { HttpEndpoint = Endpoint });

    public async ValueTask DisposeAsync()
    {
        await Sidecar.DisposeAsync();
        await App.DisposeAsync();
    }
}
