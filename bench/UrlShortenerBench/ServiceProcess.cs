using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace AmazonScale.Bench.UrlShortener;

/// <summary>The built URL shortener as a child process on loopback, pointed at the given sidecar ports.</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public static ServiceProcess Start(int port, int daprHttpPort, int daprGrpcPort, string adminKey, int clickQueueCapacity)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryPaths.Root(), "services", "UrlShortener", "bin", configuration, "net10.0", "AmazonScale.UrlShortener.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DAPR_HTTP_PORT"] = daprHttpPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["DAPR_GRPC_PORT"] = daprGrpcPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["UrlShortener__AdminKey"] = adminKey;
        start.Environment["UrlShortener__ClickQueueCapacity"] = clickQueueCapacity.ToString(CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[url-shortener] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, port);
    }

    /// <summary>Waits for /health (which includes the sidecar check) to answer 200.</summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the URL shortener did not become healthy");
    }

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
