using System.Globalization;
using System.Net;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.RateLimiter.Tests.Crash;

/// <summary>
/// One rate-limiter instance as two OS processes — the built service (`dotnet AmazonScale.RateLimiter.dll`, copied
/// next to the tests by the project reference) and its sidecar — so a test can kill it with SIGKILL. The service
/// is started first, told the sidecar's ports in advance; the sidecar is started separately (possibly later).
/// Both are killed on dispose.
/// </summary>
public sealed class RateLimiterProcess : IDisposable
{
    private readonly ResourcesFolder _resources;
    private readonly ChildProcess _service;
    private readonly int _daprHttpPort;
    private readonly int _daprGrpcPort;
    private SidecarProcess? _sidecar;

    private RateLimiterProcess(ResourcesFolder resources, ChildProcess service, int httpPort, int daprHttpPort, int daprGrpcPort)
    {
        _resources = resources;
        _service = service;
        HttpPort = httpPort;
        _daprHttpPort = daprHttpPort;
        _daprGrpcPort = daprGrpcPort;
        var address = new Uri($"http://127.0.0.1:{httpPort}/");
        Http = KillableProcessClient.Create(address);
        Http.Timeout = TimeSpan.FromSeconds(30);
        Admin = KillableProcessClient.Create(address);
        Admin.Timeout = Http.Timeout;
        Admin.DefaultRequestHeaders.Add("X-Admin-Key", Functional.RateLimiterInstance.AdminKey);
    }

    public int HttpPort { get; }

    public HttpClient Http { get; }

    public HttpClient Admin { get; }

    /// <summary>The sidecar's HTTP API (metadata, health), once started.</summary>
    public Uri SidecarAddress => new($"http://127.0.0.1:{_daprHttpPort}/");

    public string Output => $"{_service.Output}\n--- sidecar ---\n{_sidecar?.Output}";

    public static RateLimiterProcess StartService(ResourcesFolder resources)
    {
        var (httpPort, grpcPort, daprHttpPort, daprGrpcPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var service = new ChildProcess(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "AmazonScale.RateLimiter.dll")],
            new Dictionary<string, string?>
            {
                ["RateLimiter__Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{Text(httpPort)}",
                ["RateLimiter__Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{Text(grpcPort)}",
                ["RateLimiter__AdminKey"] = Functional.RateLimiterInstance.AdminKey,
                ["DAPR_HTTP_PORT"] = Text(daprHttpPort),
                ["DAPR_GRPC_PORT"] = Text(daprGrpcPort),
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["Logging__LogLevel__Default"] = "Warning",
            },
            AppContext.BaseDirectory);
        return new RateLimiterProcess(resources, service, httpPort, daprHttpPort, daprGrpcPort);
    }

    /// <summary>Starts the sidecar on the ports the service was given; returns once it is ready (its app answered).</summary>
    public async Task StartSidecarAsync() =>
        _sidecar = await SidecarProcess.StartAsync(Functional.RateLimiterInstance.AppId, _resources, HttpPort, _daprHttpPort, _daprGrpcPort);

    /// <summary>Waits until the service printed <paramref name="count"/> lines containing <paramref name="text"/>.</summary>
    public Task WaitForServiceLinesAsync(string text, int count, TimeSpan timeout) =>
        Poll.UntilAsync(
            () => Task.FromResult(_service.Output.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal))),
            lines => lines >= count, timeout, $"{count} lines '{text}' from the service");

    /// <summary>Polls GET /health (sidecar and policy store) until it answers <paramref name="expected"/>.</summary>
    public Task WaitForHealthAsync(HttpStatusCode expected, TimeSpan timeout) =>
        Poll.UntilAsync(HealthAsync, status => status == expected, timeout, $"the rate limiter process answering /health with {expected}");

    /// <summary>The /health status, or null while the service does not listen yet.</summary>
    private async Task<HttpStatusCode?> HealthAsync()
    {
        Assert.False(_service.HasExited, $"the service exited:\n{Output}");
        try
        {
            using var response = await Http.GetAsync("health");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL the service and its sidecar, like a crashed node: no graceful shutdown, no actor deactivation.</summary>
    public void KillHard()
    {
        _service.KillHard();
        _sidecar?.KillHard();
    }

    public void Dispose()
    {
        Http.Dispose();
        Admin.Dispose();
        _service.Dispose();
        _sidecar?.Dispose();
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
