namespace AmazonScale.Hosting.Orchestration;

/// <summary>Timing of supervision; tests shorten it.</summary>
public sealed record SupervisorSettings
{
    /// <summary>Grace period between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public RestartBackoff RestartBackoff { get; init; } = new();

    /// <summary>Probe interval until the resource is healthy: short, because dependents are waiting.</summary>
    public TimeSpan UnhealthyProbeInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan HealthyProbeInterval { get; init; } = TimeSpan.FromSeconds(5);
}
