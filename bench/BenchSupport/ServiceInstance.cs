using System.Globalization;

namespace AmazonScale.Bench;

/// <summary>
/// One service process behind its own sidecar process, on free loopback ports and the bench's components; its role
/// names it on the console and in the CPU lines (several processes may share one app id).
/// </summary>
public sealed class ServiceInstance(string role, AppProcess app, SidecarProcess sidecar) : IDisposable
{
    public string Role => role;
    public AppProcess App => app;
    public SidecarProcess Sidecar => sidecar;

    /// <summary>Starts the service and its sidecar and waits until the service is healthy (its subscriptions are then live).</summary>
    /// <param name="dll">The service's built assembly (see <see cref="RepositoryPaths.BuiltDll"/>).</param>
    public static async Task<ServiceInstance> StartAsync(string role, string appId, string dll, string resourcesPath, string registryDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var (appPort, daprHttpPort, daprGrpcPort) = (SidecarProcess.FreePort(), SidecarProcess.FreePort(), SidecarProcess.FreePort());
        var environment = new Dictionary<string, string>(settings)
        {
            ["DAPR_HTTP_PORT"] = daprHttpPort.ToString(CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = daprGrpcPort.ToString(CultureInfo.InvariantCulture),
        };
        var app = AppProcess.Start(role, dll, appPort, environment);
        SidecarProcess? sidecar = null;
        try
        {
            sidecar = await SidecarProcess.StartAsync(appId, appPort, resourcesPath, registryDirectory, daprHttpPort, daprGrpcPort);
            // Generous: on a loaded box a cold start of the app and its sidecar has taken over 30 s.
            await app.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            return new ServiceInstance(role, app, sidecar);
        }
        catch
        {
            sidecar?.Dispose();
            app.Dispose();
            throw;
        }
    }

    /// <summary>The CPU meters of the service and of its sidecar, named after the role.</summary>
    public IEnumerable<(string Name, Func<TimeSpan> Read)> CpuMeters() =>
        [(role, () => app.TotalProcessorTime), ($"{role} sidecar", () => sidecar.TotalProcessorTime)];

    public void Dispose()
    {
        app.Dispose();
        sidecar.Dispose();
    }
}
