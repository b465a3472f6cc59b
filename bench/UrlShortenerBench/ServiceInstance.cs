using System.Globalization;

namespace AmazonScale.Bench.UrlShortener;

/// <summary>
/// One process of the URL shortener behind its own sidecar process, on the bench's components. Every instance uses
/// the app id url-shortener (the state keys are prefixed with it); its role names it on the console and in the CPU lines.
/// </summary>
public sealed class ServiceInstance(string role, AppProcess app, SidecarProcess sidecar) : IDisposable
{
    public const string AppId = "url-shortener";

    public string Role => role;
    public AppProcess App => app;

    /// <summary>Starts the service and its sidecar and waits until the service is healthy (its subscriptions are then live).</summary>
    public static async Task<ServiceInstance> StartAsync(string role, string resourcesPath, string registryDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var (appPort, daprHttpPort, daprGrpcPort) = (SidecarProcess.FreePort(), SidecarProcess.FreePort(), SidecarProcess.FreePort());
        var environment = new Dictionary<string, string>(settings)
        {
            ["DAPR_HTTP_PORT"] = daprHttpPort.ToString(CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = daprGrpcPort.ToString(CultureInfo.InvariantCulture),
        };
        var app = AppProcess.Start(role, RepositoryPaths.BuiltDll(Path.Combine("services", "UrlShortener"), "AmazonScale.UrlShortener.dll"), appPort, environment);
        SidecarProcess? sidecar = null;
        try
        {
            sidecar = await SidecarProcess.StartAsync(AppId, appPort, resourcesPath, registryDirectory, daprHttpPort, daprGrpcPort);
            await app.WaitHealthyAsync(TimeSpan.FromSeconds(30));
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
