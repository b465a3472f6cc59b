using System.Globalization;
using System.Net;
using AmazonScale.TestSupport;
using Dapr.Client;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>The built sidecar (platform/Sidecar/bin/&lt;Configuration&gt;) as a separate OS process, killed on dispose.</summary>
public sealed class SidecarChildProcess : IDisposable
{
    private readonly ChildProcess _process;

    private SidecarChildProcess(ChildProcess process, int httpPort, int grpcPort)
    {
        _process = process;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
    }

    public int HttpPort { get; }

    public int GrpcPort { get; }

    public static async Task<SidecarChildProcess> StartAsync(string appId, string resourcesPath, string registryDirectory)
    {
        var (httpPort, grpcPort) = (FreePort.Next(), FreePort.Next());
        var process = new ChildProcess("dotnet",
        [
            SidecarDll(), "--app-id", appId, "--dapr-http-port", httpPort.ToString(CultureInfo.InvariantCulture),
            "--dapr-grpc-port", grpcPort.ToString(CultureInfo.InvariantCulture), "--resources-path", resourcesPath, "--log-level", "warn",
        ], new Dictionary<string, string?> { ["DAPR_LOCAL_REGISTRY"] = registryDirectory });
        var sidecar = new SidecarChildProcess(process, httpPort, grpcPort);
        try
        {
            await sidecar.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
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

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"sidecar exited during start-up:\n{_process.Output}");
            }
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{HttpPort}/v1.0/healthz");
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
        throw new TimeoutException($"sidecar not ready within {timeout}:\n{_process.Output}");
    }

    /// <summary>The sidecar built in the same configuration as this test assembly (the project reference builds it).</summary>
    private static string SidecarDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AmazonScale.Aspire.sln")))
            {
                return Path.Combine(folder.FullName, "platform", "Sidecar", "bin", configuration, "net10.0", "AmazonScale.Sidecar.dll");
            }
        }
        throw new InvalidOperationException("repository root (AmazonScale.Aspire.sln) not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => _process.Dispose();
}
