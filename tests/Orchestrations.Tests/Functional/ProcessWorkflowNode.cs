using AmazonScale.Orchestrations.Actors;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;
using AmazonScale.WorkflowHost;
using Dapr.Actors.Client;

namespace AmazonScale.Orchestrations.Tests.Functional;

/// <summary>
/// The WorkflowHost app and its sidecar as two real processes (built assemblies, SQLite actor state store),
/// so a test can kill -9 either; both are killed on dispose. The test reaches instances the way another
/// service would: a DaprWorkflowClient over actor proxies to the sidecar.
/// </summary>
public sealed class ProcessWorkflowNode : IDisposable
{
    private readonly ResourcesFolder _resources;
    private readonly string _effectsPath;
    private ChildProcess _app;
    private SidecarProcess _sidecar;

    private ProcessWorkflowNode(ResourcesFolder resources, string effectsPath, int appPort, int sidecarPort, ChildProcess app, SidecarProcess sidecar)
    {
        _resources = resources;
        _effectsPath = effectsPath;
        AppPort = appPort;
        SidecarPort = sidecarPort;
        _app = app;
        _sidecar = sidecar;
        SidecarHttp = KillableProcessClient.Create(new Uri($"http://127.0.0.1:{sidecarPort}/"));
        var proxies = new ActorProxyFactory(new ActorProxyOptions { HttpEndpoint = $"http://127.0.0.1:{sidecarPort}" });
        Client = new DaprWorkflowClient(new ActorOrchestrationGateway(proxies, new OrchestrationActorType($"{WorkflowHostApp.AppId}.workflow")), TimeProvider.System);
    }

    public int AppPort { get; }

    public int SidecarPort { get; }

    public HttpClient SidecarHttp { get; }

    public DaprWorkflowClient Client { get; }

    /// <summary>Starts both processes at once (the sidecar waits for the app port before it reports ready).</summary>
    public static async Task<ProcessWorkflowNode> StartAsync(ResourcesFolder resources, string effectsPath)
    {
        var appPort = FreePort.Next();
        var sidecarPort = FreePort.Next();
        var app = StartAppAsync(appPort, sidecarPort, effectsPath);
        var sidecar = StartSidecarAsync(resources, appPort, sidecarPort);
        try
        {
            await Task.WhenAll(app, sidecar);
            return new ProcessWorkflowNode(resources, effectsPath, appPort, sidecarPort, app.Result, sidecar.Result);
        }
        catch
        {
            await DisposeStartedAsync(app);
            await DisposeStartedAsync(sidecar);
            throw;
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId) => WorkflowNode.ReadHistoryAsync(SidecarHttp, instanceId, $"{WorkflowHostApp.AppId}.workflow");

    /// <summary>SIGKILL of the app only; the sidecar keeps running and must cope with the app coming back.</summary>
    public async Task KillAndRestartAppAsync()
    {
        _app.KillHard();
        _app.Dispose();
        _app = await StartAppAsync(AppPort, SidecarPort, _effectsPath);
    }

    /// <summary>SIGKILL of the sidecar only; the app keeps running and must cope with the sidecar coming back.</summary>
    public async Task KillAndRestartSidecarAsync()
    {
        _sidecar.KillHard();
        _sidecar.Dispose();
        _sidecar = await StartSidecarAsync(_resources, AppPort, SidecarPort);
    }

    public void Dispose()
    {
        SidecarHttp.Dispose();
        _sidecar.Dispose();
        _app.Dispose();
    }

    private static async Task DisposeStartedAsync<T>(Task<T> starting) where T : IDisposable
    {
        try
        {
            (await starting).Dispose();
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            // It failed to start and was disposed by its own start method.
        }
    }

    private static async Task<ChildProcess> StartAppAsync(int appPort, int sidecarPort, string effectsPath)
    {
        var app = new ChildProcess("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "AmazonScale.WorkflowHost.dll"), "--app-port", $"{appPort}", "--dapr-http-port", $"{sidecarPort}", "--effects-file", effectsPath]);
        try
        {
            await app.WaitForOutputAsync("WorkflowHost listening", TimeSpan.FromSeconds(30));
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    private static Task<SidecarProcess> StartSidecarAsync(ResourcesFolder resources, int appPort, int sidecarPort) =>
        SidecarProcess.StartAsync(WorkflowHostApp.AppId, resources, appPort, sidecarPort);
}
