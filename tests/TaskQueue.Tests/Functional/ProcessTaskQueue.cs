using System.Globalization;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>The built task-queue service and its sidecar as two OS processes, so a test can kill both with -9.</summary>
public sealed class ProcessTaskQueue : IDisposable
{
    private readonly ChildProcess _service;
    private readonly SidecarProcess _sidecar;

    private ProcessTaskQueue(ChildProcess service, SidecarProcess sidecar, int port)
    {
        _service = service;
        _sidecar = sidecar;
        Client = KillableProcessClient.Create(new Uri($"http://127.0.0.1:{port}/"));
        Client.DefaultRequestHeaders.Add(Workers.WorkerKeys.HeaderName, TaskQueueInstance.WorkerKey);
    }

    public HttpClient Client { get; }

    public static async Task<ProcessTaskQueue> StartAsync(ResourcesFolder resources)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../services/TaskQueue/bin", configuration, "net10.0"));
        var (port, daprHttp) = (FreePort.Next(), FreePort.Next());
        var service = new ChildProcess("dotnet", [Path.Combine(folder, "AmazonScale.TaskQueue.dll")], new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DAPR_HTTP_PORT"] = daprHttp.ToString(CultureInfo.InvariantCulture),
            ["APP_ID"] = TaskQueueInstance.AppId,
            ["TaskQueue__WorkerKey"] = TaskQueueInstance.WorkerKey,
            ["Logging__LogLevel__Default"] = "Warning",
        }, folder);
        try
        {
            return new ProcessTaskQueue(service, await SidecarProcess.StartAsync(TaskQueueInstance.AppId, resources, port, daprHttp), port);
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>kill -9 of the service and its sidecar: no shutdown code runs.</summary>
    public void Crash()
    {
        _service.KillHard();
        _sidecar.KillHard();
    }

    public void Dispose()
    {
        Client.Dispose();
        _service.Dispose();
        _sidecar.Dispose();
    }
}
