namespace AmazonScale.Sidecar.Actors.Configuration;

/// <summary>Runtime settings of one hosted actor type, from the app's /dapr/config (entitiesConfig overrides the top level).</summary>
public sealed record ActorTypeSettings(
    TimeSpan IdleTimeout,
    TimeSpan DrainOngoingCallTimeout,
    bool DrainRebalancedActors,
    bool ReentrancyEnabled,
    int MaxStackDepth)
{
    /// <summary>daprd's defaults (pkg/actors/api/config.go).</summary>
    public static ActorTypeSettings Default { get; } = new(TimeSpan.FromMinutes(60), TimeSpan.FromSeconds(2), false, false, 32);
}
