using System.Globalization;
using System.Net;
using Dapr.Client;

namespace AmazonScale.TestSupport.Sidecar;

/// <summary>
/// The built sidecar (AmazonScale.Sidecar.dll, copied next to every test assembly through TestSupport's
/// project reference) run as its own OS process, so crash tests can kill it with -9; killed on dispose.
/// StartAsync returns once GET /v1.0/healthz answers 204, i.e. after the app (if any) answered too.
/// </summary>
public sealed class SidecarProcess : IDisposable
{
    /// <summary>A fresh process JIT-compiles the whole stack; on a loaded CI box (load average 40+) that alone took over 30 s.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly ChildProcess _process;

    private SidecarProcess(ChildProcess process, int httpPort, int grpcPort)
    {
        _process = process;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
    }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public string Output => _process.Output;

    /// <param name="httpPort">Give it (and <paramref name="grpcPort"/>) when the app must be told the sidecar's ports before the sidecar starts (actors, an app started as a process).</param>
    public static async Task<SidecarProcess> StartAsync(string appId, ResourcesFolder resources, int? appPort = null, int? httpPort = null, int? grpcPort = null)
    {
        var (http, grpc) = (httpPort ?? FreePort.Next(), grpcPort ?? FreePort.Next());
        var arguments = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "AmazonScale.Sidecar.dll"), "--app-id", appId,
            "--dapr-http-port", Text(http), "--dapr-grpc-port", Text(grpc), "--resources-path", resources.Path, "--log-level", "warn",
        };
        if (appPort is { } port)
        {
            arguments.AddRange(["--app-port", Text(port)]);
        }
        var sidecar = new SidecarProcess(
            new ChildProcess("dotnet", arguments, new Dictionary<string, string?> { ["DAPR_LOCAL_REGISTRY"] = resources.RegistryDirectory }),
            http,
            grpc);
        try
        {
            await sidecar.WaitUntilReadyAsync();
        }
        catch
        {
            sidecar.Dispose();
            throw;
        }
        return sidecar;
    }

    public DaprClient CreateClient() => new DaprClientBuilder()
        .UseHttpEndpoint($"http://127.0.0.1:{HttpPort}")
        .UseGrpcEndpoint($"http://127.0.0.1:{GrpcPort}")
        .Build();

    /// <summary>SIGKILL: no graceful shutdown, the registry entry is left behind with a dead pid.</summary>
    public void KillHard() => _process.KillHard();

    public void Dispose() => _process.Dispose();

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("v1.0/healthz");
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe timeout.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the sidecar process did not become ready within {ReadyTimeout}:\n{_process.Output}");
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
