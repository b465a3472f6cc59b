using AmazonScale.Sidecar.Actors.Configuration;
using AmazonScale.Sidecar.Actors.Runtime;
using Microsoft.Extensions.Hosting;

namespace AmazonScale.Sidecar.Actors.Placement;

/// <summary>
/// Watches placement membership; when it changes, actors active here that now belong to another sidecar
/// are drained (in-flight turn given up to drainOngoingCallTimeout when drainRebalancedActors is set) and
/// deactivated, so the new owner activates them from the stored state; only then does this sidecar announce
/// the membership as applied (see <see cref="ActorPlacement.IsSettled"/>).
/// </summary>
public sealed class RebalanceService(
    ActorPlacement placement,
    ActorActivations activations,
    HostedActorTypes hosted,
    AppChannel.SidecarReadiness readiness,
    TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            if (!hosted.Names.Any())
            {
                return;
            }
            var membership = placement.MembershipSignature();
            placement.Apply(membership);
            using var timer = new PeriodicTimer(PollInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var current = placement.MembershipSignature();
                if (current == membership)
                {
                    continue;
                }
                membership = current;
                var moved = activations.All.Where(a => !placement.IsOwnedHere(a.Key)).Select(a =>
                {
                    var settings = hosted.SettingsFor(a.Key.Type);
                    var drain = settings.DrainRebalancedActors ? settings.DrainOngoingCallTimeout : TimeSpan.Zero;
                    return activations.DeactivateAsync(a, drain, onlyIfIdleFor: null, stoppingToken);
                });
                await Task.WhenAll(moved);
                placement.Apply(membership);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
