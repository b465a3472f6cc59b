using AmazonScale.Dashboard.Resources;
using AmazonScale.Hosting.ApplicationModel;
using AmazonScale.Hosting.Processes;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>
/// One running copy of a resource (a replica, or the sidecar of a replica): what was decided for it at
/// start-up (ports, environment, launch) and its live status.
/// </summary>
public sealed class ResourceInstance
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ResourceSnapshot _snapshot;

    internal ResourceInstance(
        Resource resource,
        string name,
        IReadOnlyList<string> endpoints,
        IHealthProbe? probe,
        Func<CancellationToken, Task<LaunchSpec?>> launch)
    {
        Resource = resource;
        Name = name;
        Endpoints = endpoints;
        Probe = probe;
        Launch = launch;
        _snapshot = new ResourceSnapshot(name, resource.Type, ResourceStates.NotStarted, null, null, null, endpoints,
            new Dictionary<string, string>(), [], 0, null);
    }

    public Resource Resource { get; }

    public string Name { get; }

    public IReadOnlyList<string> Endpoints { get; }

    public IHealthProbe? Probe { get; }

    /// <summary>Prepares and returns the process to start, or null for resources without a process (components).</summary>
    internal Func<CancellationToken, Task<LaunchSpec?>> Launch { get; }

    /// <summary>Instances that must be ready before this one starts (WaitFor, own sidecar).</summary>
    public IReadOnlyList<ResourceInstance> Dependencies { get; internal set; } = [];

    public ConsoleLogBuffer Logs { get; } = new();

    public ResourceSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>Running and (if it has a health check) healthy at least once; what WaitFor gates on.</summary>
    public Task WhenReady => _firstReady.Task;

    /// <summary>Reached Running, or gave up with FailedToStart: start-up is over for this instance either way.</summary>
    public Task WhenStarted => _firstStarted.Task;

    public event Action<ResourceSnapshot>? Changed;

    internal void Describe(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> references) =>
        Update(s => s with { Environment = environment, References = references });

    internal void Update(Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        ResourceSnapshot updated;
        lock (_gate)
        {
            updated = change(_snapshot);
            if (updated == _snapshot)
            {
                return;
            }
            _snapshot = updated;
        }
        if (updated.State is ResourceStates.Running or ResourceStates.FailedToStart)
        {
            _firstStarted.TrySetResult();
        }
        if (updated.State == ResourceStates.Running && (Probe is null || updated.Health == ResourceStates.Healthy))
        {
            _firstReady.TrySetResult();
        }
        Changed?.Invoke(updated);
    }
}
