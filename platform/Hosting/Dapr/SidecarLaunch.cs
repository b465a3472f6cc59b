namespace AmazonScale.Hosting.Dapr;

/// <summary>The resolved settings of one sidecar process: the values behind daprd's flags.</summary>
public sealed record SidecarLaunch(
    string AppId,
    int AppPort,
    int HttpPort,
    int GrpcPort,
    string ResourcesPath,
    string? ConfigPath,
    string LogLevel,
    string? DaprApiToken,
    string? AppApiToken);
