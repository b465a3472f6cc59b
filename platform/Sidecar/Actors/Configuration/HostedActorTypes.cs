namespace AmazonScale.Sidecar.Actors.Configuration;

/// <summary>
/// The actor types this sidecar's app hosts and their settings, set once /dapr/config was read.
/// Until then (or without an app) nothing is hosted and the actor runtime reports INITIALIZING.
/// </summary>
public sealed class HostedActorTypes
{
    private volatile ActorAppConfig? _config;

    public bool IsLoaded => _config is not null;

    public ActorAppConfig Config => _config ?? ActorAppConfig.Empty;

    public IEnumerable<string> Names => Config.Types.Keys;

    public bool Hosts(string actorType) => Config.Types.ContainsKey(actorType);

    public ActorTypeSettings SettingsFor(string actorType) =>
        Config.Types.TryGetValue(actorType, out var settings) ? settings : ActorTypeSettings.Default;

    public void Load(ActorAppConfig config) => _config = config;
}
