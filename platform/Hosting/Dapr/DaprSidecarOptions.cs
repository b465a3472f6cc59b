namespace AmazonScale.Hosting.Dapr;

/// <summary>Per-app sidecar settings, mirroring daprd's flags.</summary>
public sealed record DaprSidecarOptions
{
    /// <summary>Defaults to the project's resource name.</summary>
    public string? AppId { get; init; }

    /// <summary>A Dapr Configuration file, relative to the AppHost project directory.</summary>
    public string? Config { get; init; }

    public string LogLevel { get; init; } = "info";

    /// <summary>When set, the sidecar requires it from the app (dapr-api-token) and the app receives DAPR_API_TOKEN.</summary>
    public string? DaprApiToken { get; init; }

    /// <summary>When set, the sidecar sends it to the app and the app receives APP_API_TOKEN to check it.</summary>
    public string? AppApiToken { get; init; }
}
