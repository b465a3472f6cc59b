namespace AmazonScale.Dashboard.Resources;

/// <summary>What the dashboard shows about one running resource (a project, a sidecar, an executable).</summary>
/// <param name="Name">Kebab-case resource name; for projects also the Dapr app id and OTEL_SERVICE_NAME.</param>
/// <param name="Type">"Project", "Sidecar", "Executable" or "Component".</param>
/// <param name="State">"NotStarted", "Waiting", "Starting", "Running", "Exited", "FailedToStart", "Stopping" or "Finished".</param>
/// <param name="Health">"Healthy", "Unhealthy" or null while no health check has run.</param>
/// <param name="Environment">Injected environment; the UI masks values until revealed.</param>
/// <param name="References">Names of resources this one references or waits for.</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    string State,
    string? Health,
    int? Pid,
    DateTimeOffset? StartedAt,
    IReadOnlyList<string> Endpoints,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> References,
    int RestartCount,
    int? ExitCode);
