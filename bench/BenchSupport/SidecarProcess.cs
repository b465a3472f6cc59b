using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AmazonScale.Bench;

/// <summary>A real sidecar process for a bench, started with daprd's flags and stopped on dispose.</summary>
public sealed class SidecarProcess : IDisposable
{
    private readonly Process _process;

    private SidecarProcess(Process process, int httpPort, int grpcPort)
    {
        _process = process;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
    }

    public int HttpPort { get; }
    public int GrpcPort { get; }

    /// <summary>For tools that attach to the process (e.g. an EventPipe session on its diagnostics port).</summary>
    public int ProcessId => _process.Id;

    /// <summary>CPU the sidecar has used so far (user + system): deltas over a case give its cost per operation.</summary>
    public TimeSpan TotalProcessorTime => _process.TotalProcessorTime;

    /// <summary>
    /// Starts the sidecar and waits until it is ready (which includes its app answering). Pass the ports when
    /// the app must be started first because it needs to know them.
    /// </summary>
    public static async Task<SidecarProcess> StartAsync(string appId, int? appPort, string resourcesPath, string registryDirectory, int? daprHttpPort = null, int? daprGrpcPort = null)
    {
        var httpPort = daprHttpPort ?? FreePort();
        var grpcPort = daprGrpcPort ?? FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.SidecarDll());
        foreach (var arg in new[] { "--app-id", appId, "--dapr-http-port", Port(httpPort), "--dapr-grpc-port", Port(grpcPort), "--resources-path", resourcesPath, "--log-level", "warn" })
        {
            start.ArgumentList.Add(arg);
        }
        if (appPort is { } port)
        {
            start.ArgumentList.Add("--app-port");
            start.ArgumentList.Add(Port(port));
        }
        start.Environment["DAPR_LOCAL_REGISTRY"] = registryDirectory;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[{appId}-dapr] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var sidecar = new SidecarProcess(process, httpPort, grpcPort);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{httpPort}/v1.0/healthz");
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return sidecar;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        sidecar.Dispose();
        throw new InvalidOperationException($"sidecar {appId} did not become ready");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
