using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace AmazonScale.Bench;

/// <summary>
/// A built service (its dll, from the bench's own configuration) as a child process on a loopback port, talking to
/// its sidecar like in production. Killed with its process tree on dispose.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _name;

    private AppProcess(Process process, string name, int port)
    {
        _process = process;
        _name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>For tools that attach to the process (e.g. an EventPipe session on its diagnostics port).</summary>
    public int ProcessId => _process.Id;

    /// <summary>CPU the service has used so far (user + system): deltas over a case give its cost per operation.</summary>
    public TimeSpan TotalProcessorTime => _process.TotalProcessorTime;

    /// <param name="name">Prefix of its stderr lines on the console.</param>
    /// <param name="dll">The service's built assembly (see <see cref="RepositoryPaths.BuiltDll"/>).</param>
    /// <param name="environment">Configuration for the service (DAPR_* ports, options); ASPNETCORE_URLS is set from the port.</param>
    public static AppProcess Start(string name, string dll, int port, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root: appsettings.json sits next to the dll.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Warnings and errors on stderr, which is echoed: a failing bench shows why.
        start.Environment["Logging__Console__LogToStandardErrorThreshold"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[{name}] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(process, name, port);
    }

    /// <summary>Waits for /health (which includes the sidecar check) to answer 200.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient();
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
        throw new InvalidOperationException($"{_name} did not become healthy");
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
