using Dapr.Client;

namespace AmazonScale.TestSupport.Sidecar;

/// <summary>The real sidecar (SidecarApp) started in the test process on free loopback ports.</summary>
public sealed class SidecarUnderTest : IAsyncDisposable
{
    private int _disposed;
    private readonly WebApplication _app;

    private SidecarUnderTest(WebApplication app, string appId, int httpPort, int grpcPort, string? apiToken)
    {
        _app = app;
        AppId = appId;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
        ApiToken = apiToken;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
    }

    public string AppId { get; }
    public int HttpPort { get; }
    public int GrpcPort { get; }
    public string? ApiToken { get; }

    /// <summary>Plain HTTP client on the sidecar's HTTP API (no token attached).</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SidecarUnderTest> StartAsync(
        string appId,
        ResourcesFolder resources,
        int? appPort = null,
        string? apiToken = null,
        string? appApiToken = null,
        string? configPath = null,
        bool waitUntilReady = true,
        int? httpPort = null)
    {
        httpPort ??= FreePort.Next();
        var grpcPort = FreePort.Next();
        var args = new List<string>
        {
            "--app-id", appId, "--dapr-http-port", httpPort.Value.ToString(), "--dapr-grpc-port", grpcPort.ToString(),
            "--resources-path", resources.Path, "--log-level", "warn",
        };
        if (appPort is { } port)
        {
            args.AddRange(["--app-port", port.ToString()]);
        }
        if (configPath is not null)
        {
            args.AddRange(["--config", configPath]);
        }
        var environment = new Dictionary<string, string?>
        {
            ["DAPR_LOCAL_REGISTRY"] = resources.RegistryDirectory,
            ["DAPR_API_TOKEN"] = apiToken,
            ["APP_API_TOKEN"] = appApiToken,
        };
        var app = global::AmazonScale.Sidecar.SidecarApp.Build(args, name => environment.GetValueOrDefault(name));
        await app.StartAsync();
        var sidecar = new SidecarUnderTest(app, appId, httpPort.Value, grpcPort, apiToken);
        if (waitUntilReady)
        {
            await sidecar.WaitUntilReadyAsync(StartTimeout);
        }
        return sidecar;
    }

    /// <summary>How long a start may take before the test gives up: generous, a loaded CI box starts slowly and a wait costs nothing when all is well.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Http.GetAsync("v1.0/healthz");
            if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"sidecar {AppId} did not become ready within {timeout}");
    }

    /// <summary>An official Dapr SDK client bound to this sidecar, exactly as a service would build it.</summary>
    public DaprClient CreateClient(string? apiToken = null)
    {
        var builder = new DaprClientBuilder()
            .UseHttpEndpoint($"http://127.0.0.1:{HttpPort}")
            .UseGrpcEndpoint($"http://127.0.0.1:{GrpcPort}");
        if ((apiToken ?? ApiToken) is { } token)
        {
            builder.UseDaprApiToken(token);
        }
        return builder.Build();
    }

    /// <summary>Stops the sidecar; safe to call again (tests stop a sidecar early to see how its app copes).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
