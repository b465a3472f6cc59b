using AmazonScale.TestActorHost.Actors;
using Dapr.Actors;
using Dapr.Actors.Runtime;

namespace AmazonScale.TestActorHost;

/// <summary>
/// The actor types the sidecar tests drive, registered exactly as a service would (AddActors with the
/// sidecar's endpoint), with per-type settings that the sidecar receives through /dapr/config entitiesConfig.
/// </summary>
public static class TestActorsSetup
{
    /// <summary>Short enough for idle-deactivation tests to finish quickly.</summary>
    public static readonly TimeSpan CounterIdleTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan ReminderIdleTimeout = TimeSpan.FromMilliseconds(700);

    /// <summary>
    /// ReminderActor again under this name with the default idle timeout (60 min), for timer tests: a timer keeps its
    /// actor alive only while fires come sooner than the idle timeout, so on a machine stalled for longer than
    /// <see cref="ReminderIdleTimeout"/> the short-lived type is rightly deactivated and its timers die with it.
    /// </summary>
    public const string TimerActorType = "TimerActor";

    public const int PingPongMaxStackDepth = 8;

    public static IServiceCollection AddTestActors(this IServiceCollection services, string sidecarEndpoint)
    {
        services.AddSingleton<ActorEventLog>();
        services.AddActors(options =>
        {
            options.HttpEndpoint = sidecarEndpoint;
            options.ActorScanInterval = TimeSpan.FromMilliseconds(100);
            options.Actors.RegisterActor<CounterActor>(new ActorRuntimeOptions { ActorIdleTimeout = CounterIdleTimeout });
            options.Actors.RegisterActor<BankAccountActor>();
            options.Actors.RegisterActor<ReminderActor>(new ActorRuntimeOptions { ActorIdleTimeout = ReminderIdleTimeout });
            options.Actors.RegisterActor<ReminderActor>(TimerActorType);
            var reentrant = new ActorRuntimeOptions
            {
                ReentrancyConfig = new ActorReentrancyConfig { Enabled = true, MaxStackDepth = PingPongMaxStackDepth },
            };
            options.Actors.RegisterActor<PingActor>(reentrant);
            options.Actors.RegisterActor<PongActor>(reentrant);
        });
        return services;
    }
}
