using System.Net.Sockets;
using AmazonScale.Sidecar.Discovery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.AppChannel;

/// <summary>
/// daprd's start-up sequence after the API ports are open: wait until the app listens, run the
/// initializers (actor config, subscriptions), then report "Running" and announce readiness to peers.
/// </summary>
public sealed partial class AppStartup(
    Hosting.SidecarOptions options,
    IEnumerable<IAppInitializer> initializers,
    SidecarReadiness readiness,
    LocalRegistry registry,
    ILogger<AppStartup> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AppPort is { } port)
        {
            LogWaitingForApp(port);
            await WaitForAppPortAsync(options.AppChannelAddress, port, stoppingToken);
            LogAppDiscovered(port);
        }

        foreach (var initializer in initializers)
        {
            await initializer.InitializeAsync(stoppingToken);
        }

        await registry.WhenVisibleToPeersAsync(stoppingToken);
        // The registry entry first: what waits for readiness (actor placement) must already see this sidecar as ready.
        registry.UpdateSelf(self => self with { Ready = true });
        readiness.MarkReady();
        LogRunning(options.AppId);
    }

    private static async Task WaitForAppPortAsync(string host, int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(ProbeInterval, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "application protocol: http. waiting on port {Port}. This will block until the app is listening on that port.")]
    private partial void LogWaitingForApp(int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "application discovered on port {Port}")]
    private partial void LogAppDiscovered(int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "dapr initialized. Status: Running. App ID: {AppId}")]
    private partial void LogRunning(string appId);
}
