using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Dashboard.Resources;
using AmazonScale.Hosting.Orchestration;
using AmazonScale.TestSupport;
using static AmazonScale.Hosting.Tests.TestApplications;

namespace AmazonScale.Hosting.Tests;

/// <summary>
/// The AppHost's components and samples (built sample services) with a fake sidecar that only answers health: proves
/// start order, the env contract as the processes see it, the sidecar command line, and a clean stop. The services'
/// readiness needs a working sidecar (the rate limiter's loads its policies through it), so the whole model runs with
/// real sidecars in the end-to-end test instead.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class AppModelTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly DistributedApplicationBuilder _builder = CreateBuilder(new RecordingReporter(), "--profile", "local");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private DistributedApplication _app = null!;
    private MachineLock? _ports;

    [Fact]
    public async Task Runs_every_service_after_its_sidecar_and_dependencies_and_stops_without_leftovers()
    {
        var healthySince = new ConcurrentDictionary<string, DateTimeOffset>();
        _app.Resources.ResourceChanged += snapshot =>
        {
            if (snapshot.Health == ResourceStates.Healthy)
            {
                healthySince.TryAdd(snapshot.Name, DateTimeOffset.UtcNow);
            }
        };

        await _app.Orchestrator.WhenAllReady.WaitAsync(StartTimeout);

        Assert.True(Resource("hello-api").StartedAt >= healthySince["hello-api-dapr"]);
        Assert.True(Resource("hello-web").StartedAt >= healthySince["hello-api"]);
        Assert.True(Resource("hello-web").StartedAt >= healthySince["hello-web-dapr"]);
        Assert.All(_app.Resources.GetResources(), r => Assert.Equal((ResourceStates.Running, ResourceStates.Healthy), (r.State, r.Health)));
        Assert.True((await _http.GetAsync("http://localhost:5102/health")).IsSuccessStatusCode);

        await AssertSidecarLaunchAsync();

        int[] pids = [.. _app.Resources.GetResources().Select(r => r.Pid).OfType<int>()];
        Assert.Equal(_app.Resources.GetResources().Count(r => r.Type is "Project" or "Sidecar"), pids.Length);
        await _app.StopAsync();

        Assert.All(pids, pid => Assert.False(ProcessProbe.IsAlive(pid), $"pid {pid} survived"));
        Assert.False(Directory.Exists(_builder.Options.RunDirectory));
    }

    private async Task AssertSidecarLaunchAsync()
    {
        var api = Resource("hello-api");
        var sidecar = Resource("hello-api-dapr");
        var sidecarHttpPort = new Uri(sidecar.Endpoints[0]).Port;
        Assert.Equal(sidecarHttpPort.ToString(), api.Environment["DAPR_HTTP_PORT"]);
        Assert.Equal("http://localhost:5101", api.Environment["ASPNETCORE_URLS"]);

        var launch = await _http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{sidecarHttpPort}/fake/launch");
        var arguments = launch.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()!).ToList();
        var environment = launch.GetProperty("environment");
        var run = new RunPaths(_builder.Options.RunDirectory);

        Assert.Equal(
            ["--app-id", "hello-api", "--app-port", "5101", "--dapr-http-port", sidecarHttpPort.ToString(), "--dapr-grpc-port", api.Environment["DAPR_GRPC_PORT"],
             "--resources-path", run.Components, "--log-level", "info"],
            arguments);
        Assert.Equal("hello-api-dapr", environment.GetProperty("OTEL_SERVICE_NAME").GetString());
        Assert.Equal(run.Registry, environment.GetProperty("DAPR_LOCAL_REGISTRY").GetString());
        Assert.Equal("http://localhost:18890", environment.GetProperty("OTEL_EXPORTER_OTLP_ENDPOINT").GetString());
        Assert.False(environment.TryGetProperty("ASPNETCORE_URLS", out _));
        Assert.Equal(run.SidecarWorkingDirectory, launch.GetProperty("workingDirectory").GetString());
        Assert.True(File.Exists(Path.Combine(run.Components, "statestore.yaml")));
    }

    public async Task InitializeAsync()
    {
        _ports = await MachineLock.AcquireAsync(MachineLock.AppHostPorts, TimeSpan.FromMinutes(5));
        AppModel.AddSamples(_builder);
        _app = _builder.Build();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
        _ports?.Dispose();
    }

    private ResourceSnapshot Resource(string name) => _app.Resources.GetResources().Single(r => r.Name == name);
}
