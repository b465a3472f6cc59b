using System.Diagnostics;
using System.Globalization;

namespace AmazonScale.Bench.TaskQueue;

/// <summary>The built task-queue service as its own process on loopback, behind a real sidecar process.</summary>
public sealed class TaskQueueProcess : IDisposable
{
    private readonly Process _service;
    private readonly SidecarProcess _sidecar;

    private TaskQueueProcess(Process service, SidecarProcess sidecar, int port)
    {
        _service = service;
        _sidecar = sidecar;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public static async Task<TaskQueueProcess> StartAsync(string resourcesPath, string registryDirectory)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(RepositoryPaths.Root(), "services", "TaskQueue", "bin", configuration, "net10.0");
        var port = SidecarProcess.FreePort();
        var daprHttp = SidecarProcess.FreePort();
        var daprGrpc = SidecarProcess.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        start.ArgumentList.Add(Path.Combine(folder, "AmazonScale.TaskQueue.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DAPR_HTTP_PORT"] = daprHttp.ToString(CultureInfo.InvariantCulture);
        start.Environment["DAPR_GRPC_PORT"] = daprGrpc.ToString(CultureInfo.InvariantCulture);
        start.Environment["APP_ID"] = "task-queue";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var service = Process.Start(start)!;
        service.OutputDataReceived += (_, _) => { };
        service.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[task-queue] {e.Data}"); } };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            var sidecar = await SidecarProcess.StartAsync("task-queue", port, resourcesPath, registryDirectory, daprHttp, daprGrpc);
            return new TaskQueueProcess(service, sidecar, port);
        }
        catch
        {
            service.Kill(entireProcessTree: true);
            service.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _sidecar.Dispose();
        if (!_service.HasExited)
        {
            _service.Kill(entireProcessTree: true);
            _service.WaitForExit(5000);
        }
        _service.Dispose();
    }
}
