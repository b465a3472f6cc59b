using AmazonScale.Sidecar.Actors.Configuration;
using AmazonScale.Sidecar.Actors.Invocation;
using AmazonScale.Sidecar.Actors.Placement;
using AmazonScale.Sidecar.Actors.Reminders;
using AmazonScale.Sidecar.Actors.Runtime;
using AmazonScale.Sidecar.Actors.State;
using AmazonScale.Sidecar.Actors.Timers;

namespace AmazonScale.Sidecar.Actors;

/// <summary>Registers the actor runtime: discovery from /dapr/config, placement, turns, state, timers, reminders, idle and rebalance scans.</summary>
public static class ActorsBuildingBlock
{
    public static IServiceCollection AddActorsBuildingBlock(this IServiceCollection services)
    {
        services.AddSingleton<HostedActorTypes>();
        services.AddSingleton<AppChannel.IAppInitializer, ActorConfigLoader>();
        services.AddSingleton<ActorPlacement>();
        services.AddSingleton<ActorAppClient>();
        services.AddSingleton<ActorActivations>();
        services.AddSingleton<ActorInvoker>();
        services.AddSingleton<ActorRouter>();
        services.AddSingleton<ActorStateService>();
        services.AddSingleton<ActorTimers>();
        services.AddSingleton<ReminderStore>();
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        services.AddHostedService<IdleDeactivationService>();
        services.AddHostedService<RebalanceService>();
        services.AddSingleton<Metadata.IMetadataContributor, ActorsMetadata>();
        return services;
    }
}
