using System.Net;
using System.Text.Json;
using AmazonScale.Orchestrations.Engine;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Tests.Workflows;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Orchestrations.Tests.Functional;

/// <summary>
/// An app hosting the test workflows (AddDaprWorkflow composed with the app's own AddActors, MapActorsHandlers,
/// MapWorkflowEndpoints) behind the real sidecar, both in the test process on free ports.
/// </summary>
public sealed class WorkflowNode : IAsyncDisposable
{
    public const string AppId = "workflow-tests";
    public const string ActorType = AppId + ".workflow";

    private WorkflowNode(TestApp app, SidecarUnderTest sidecar)
    {
        App = app;
        Sidecar = sidecar;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Port}/") };
    }

    public TestApp App { get; }

    public SidecarUnderTest Sidecar { get; }

    /// <summary>Plain client on the app's own port (the status API).</summary>
    public HttpClient Http { get; }

    public DaprWorkflowClient Client => App.Services.GetRequiredService<DaprWorkflowClient>();

    public static async Task<WorkflowNode> StartAsync(ResourcesFolder resources, ActivityLog log, ActivityGate gate)
    {
        var sidecarPort = FreePort.Next();
        var app = await TestApp.StartAsync(
            endpoints =>
            {
                endpoints.MapActorsHandlers();
                endpoints.MapWorkflowEndpoints();
            },
            services =>
            {
                services.AddSingleton(log).AddSingleton(gate);
                services.AddDaprWorkflow(options =>
                {
                    TestRegistrations.RegisterAll(options);
                    options.AppId = AppId;
                });
                services.AddActors(actors => actors.HttpEndpoint = $"http://127.0.0.1:{sidecarPort}");
            });
        try
        {
            var sidecar = await SidecarUnderTest.StartAsync(AppId, resources, appPort: app.Port, httpPort: sidecarPort);
            return new WorkflowNode(app, sidecar);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the history straight from actor state through the sidecar's actor state API (the storage layout the engine promises).</summary>
    public static async Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(HttpClient sidecarHttp, string instanceId, string actorType = ActorType)
    {
        using var instance = await sidecarHttp.GetAsync($"v1.0/actors/{actorType}/{instanceId}/state/instance");
        if (instance.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }
        using var document = JsonDocument.Parse(JsonSerializer.Deserialize<string>(await instance.Content.ReadAsStringAsync())!);
        var length = document.RootElement.GetProperty("historyLength").GetInt32();
        var history = new List<HistoryEvent>(length);
        for (var i = 0; i < length; i++)
        {
            var text = JsonSerializer.Deserialize<string>(await sidecarHttp.GetStringAsync($"v1.0/actors/{actorType}/{instanceId}/state/history-{i}"))!;
            history.Add(JsonSerializer.Deserialize<HistoryEvent>(text, WorkflowJson.Options)!);
        }
        return history;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Sidecar.DisposeAsync();
        await App.DisposeAsync();
    }
}
