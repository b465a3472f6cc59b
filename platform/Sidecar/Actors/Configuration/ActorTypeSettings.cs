namespace AmazonScale.Sidecar.Actors.Configuration;

/// <summary>Runtime settings of one hosted actor type, from the app's /dapr/config (entitiesConfig overrides the top level).</summary>
public sealed record ActorTypeSettings(
    TimeSpan IdleTimeout,
    TimeSpan DrainOngoingCallTimeout,
    bool DrainRebalancedActors,
    bool ReentrancyEnabled,
    int MaxStackDepth)
{
    /// <summary>daprd's defaults (pkg/actors/api/config.go; drainRebalancedActors defaults to true per the Dapr docs).</summary>
    public static ActorTypeSettings Default { get; } = new(TimeSpan.FromMinutes(60), TimeSpan.FromSeconds(2), true, false, 32);
}
