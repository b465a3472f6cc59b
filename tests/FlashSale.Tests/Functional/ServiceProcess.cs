using System.Globalization;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// A service (its built assembly, copied next to the tests) and its sidecar as two OS processes, so a crash test can
/// kill -9 either one and start a fresh one on the same ports. Settings go in as environment variables; the working
/// directory is a temp folder so no appsettings file of another service is picked up. State should be durable
/// (SQLite) for anything that must survive: the killed process keeps nothing.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _appId;
    private readonly string _assembly;
    private readonly ResourcesFolder _resources;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _workingDirectory;
    private ChildProcess? _app;
    private SidecarProcess? _sidecar;

    private ServiceProcess(string appId, string assembly, ResourcesFolder resources, IReadOnlyDictionary<string, string?> settings)
    {
        (_appId, _assembly, _resources, _settings) = (appId, assembly, resources, settings);
        _workingDirectory = Directory.CreateDirectory(Path.Combine(resources.Root, appId)).FullName;
        (Port, SidecarHttpPort, SidecarGrpcPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
    }

    public int Port { get; }

    public int SidecarHttpPort { get; }

    public int SidecarGrpcPort { get; }

    /// <param name="assembly">File name of the service's entry assembly, e.g. AmazonScale.FlashSale.dll.</param>
    /// <param name="settings">Configuration keys ("Section:Key") for the service.</param>
    public static async Task<ServiceProcess> StartAsync(string appId, string assembly, ResourcesFolder resources, IReadOnlyDictionary<string, string?> settings)
    {
        var service = new ServiceProcess(appId, assembly, resources, settings);
        try
        {
            // The sidecar is ready once the app answers, so both start together.
            var sidecar = service.StartSidecarAsync();
            await service.StartAppAsync();
            await sidecar;
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the service process printed since it last started.</summary>
    public string AppOutput => _app?.Output ?? "";

    /// <summary>SIGKILL of the service (no graceful shutdown), then a fresh process on the same port.</summary>
    public async Task KillAndRestartAppAsync()
    {
        KillApp();
        await StartAppAsync();
    }

    /// <summary>SIGKILL of the sidecar (whatever it held in memory is gone), then a fresh one on the same ports.</summary>
    public async Task KillAndRestartSidecarAsync()
    {
        KillSidecar();
        await StartSidecarAsync();
    }

    public void KillApp()
    {
        _app?.Dispose();
        _app = null;
    }

    public void KillSidecar()
    {
        _sidecar?.Dispose();
        _sidecar = null;
    }

    /// <summary>Starts whichever of the two is not running (after <see cref="KillApp"/> / <see cref="KillSidecar"/>).</summary>
    public async Task RestartAsync()
    {
        var sidecar = _sidecar is null ? StartSidecarAsync() : Task.CompletedTask;
        if (_app is null)
        {
            await StartAppAsync();
        }
        await sidecar;
    }

    public HttpClient CreateClient(params (string Name, string Value)[] headers)
    {
        var client = KillableProcessClient.Create(new Uri($"http://127.0.0.1:{Port}/"));
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.Add(name, value);
        }
        return client;
    }

    public ValueTask DisposeAsync()
    {
        _app?.Dispose();
        _sidecar?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartSidecarAsync()
    {
        _sidecar = await SidecarProcess.StartAsync(_appId, _resources, Port, SidecarHttpPort, SidecarGrpcPort);
    }

    private async Task StartAppAsync()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DAPR_HTTP_PORT"] = SidecarHttpPort.ToString(CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = SidecarGrpcPort.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in _settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        _app = new ChildProcess("dotnet", [Path.Combine(AppContext.BaseDirectory, _assembly)], environment, _workingDirectory);
        await _app.WaitForOutputAsync("Application started", StartTimeout);
    }
}
