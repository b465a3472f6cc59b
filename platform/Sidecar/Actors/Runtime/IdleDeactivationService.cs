using AmazonScale.Sidecar.Actors.Configuration;
using Microsoft.Extensions.Hosting;

namespace AmazonScale.Sidecar.Actors.Runtime;

/// <summary>
/// Every actorScanInterval, deactivates actors unused for their type's actorIdleTimeout (DELETE on the app,
/// under the turn). The scan never runs less often than half the shortest idle timeout, so a short
/// timeout is honoured even when the app leaves the scan interval at its default.
/// </summary>
public sealed class IdleDeactivationService(
    ActorActivations activations,
    HostedActorTypes hosted,
    AppChannel.SidecarReadiness readiness,
    TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan MinimumScanInterval = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            if (!hosted.Names.Any())
            {
                return;
            }
            using var timer = new PeriodicTimer(ScanInterval(), time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var idle = activations.All
                    .Select(a => (Activation: a, Timeout: hosted.SettingsFor(a.Key.Type).IdleTimeout))
                    .Where(a => a.Activation.IsIdle(a.Timeout))
                    .Select(a => activations.DeactivateAsync(a.Activation, drainTimeout: null, onlyIfIdleFor: a.Timeout, stoppingToken));
                await Task.WhenAll(idle);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private TimeSpan ScanInterval()
    {
        var shortestIdle = hosted.Names.Min(name => hosted.SettingsFor(name).IdleTimeout);
        var interval = TimeSpan.FromTicks(Math.Min(hosted.Config.ScanInterval.Ticks, shortestIdle.Ticks / 2));
        return interval < MinimumScanInterval ? MinimumScanInterval : interval;
    }
}
