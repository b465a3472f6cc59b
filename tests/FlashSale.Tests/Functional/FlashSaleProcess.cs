using System.Globalization;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// The flash-sale service as its own OS process (the built AmazonScale.FlashSale.dll) so a test can kill -9 it, next to
/// its sidecar (in the test process, SQLite state: actor state and reminders survive). Settings go in as environment
/// variables; the working directory is a temp folder so no appsettings file of another service is picked up.
/// </summary>
public sealed class FlashSaleProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _workingDirectory;
    private ChildProcess _app;

    private FlashSaleProcess(SidecarUnderTest sidecar, int port, string workingDirectory, ChildProcess app)
    {
        Sidecar = sidecar;
        Port = port;
        _workingDirectory = workingDirectory;
        _app = app;
    }

    public SidecarUnderTest Sidecar { get; }

    public int Port { get; }

    public static async Task<FlashSaleProcess> StartAsync(ResourcesFolder resources)
    {
        var port = FreePort.Next();
        var sidecar = await SidecarUnderTest.StartAsync("flash-sale", resources, appPort: port, waitUntilReady: false);
        var workingDirectory = Directory.CreateDirectory(Path.Combine(resources.Root, "flash-sale")).FullName;
        try
        {
            var app = await StartAppAsync(sidecar, port, workingDirectory);
            await sidecar.WaitUntilReadyAsync(StartTimeout);
            return new FlashSaleProcess(sidecar, port, workingDirectory, app);
        }
        catch
        {
            await sidecar.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL of the service (no graceful shutdown), then a fresh process on the same port.</summary>
    public async Task KillAndRestartAsync()
    {
        _app.KillHard();
        _app.Dispose();
        _app = await StartAppAsync(Sidecar, Port, _workingDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        _app.Dispose();
        await Sidecar.DisposeAsync();
    }

    private static async Task<ChildProcess> StartAppAsync(SidecarUnderTest sidecar, int port, string workingDirectory)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DAPR_HTTP_PORT"] = sidecar.HttpPort.ToString(CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = sidecar.GrpcPort.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in SaleStack.FlashSaleSettings())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var app = new ChildProcess("dotnet", [Path.Combine(AppContext.BaseDirectory, "AmazonScale.FlashSale.dll")], environment, workingDirectory);
        try
        {
            await app.WaitForOutputAsync("Application started", StartTimeout);
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }
}
