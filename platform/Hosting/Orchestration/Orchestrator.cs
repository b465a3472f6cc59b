using AmazonScale.Dashboard.Resources;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>Starts every instance (each waits for its own dependencies), and stops them dependents-first.</summary>
public sealed class Orchestrator
{
    private readonly Dictionary<string, ResourceSupervisor> _supervisors;
    private readonly CancellationTokenSource _shuttingDown = new();

    internal Orchestrator(IReadOnlyList<ResourceInstance> instances, SupervisorSettings settings, IProgressReporter reporter)
    {
        Instances = instances;
        _supervisors = instances.ToDictionary(i => i.Name, i => new ResourceSupervisor(i, settings, reporter, _shuttingDown.Token));
    }

    public IReadOnlyList<ResourceInstance> Instances { get; }

    /// <summary>Every instance reached Running (or failed to start).</summary>
    public Task WhenAllStarted => Task.WhenAll(Instances.Select(i => i.WhenStarted));

    /// <summary>Every instance is Running and passed its health check once.</summary>
    public Task WhenAllReady => Task.WhenAll(Instances.Select(i => i.WhenReady));

    public void Start()
    {
        foreach (var supervisor in _supervisors.Values)
        {
            supervisor.Start();
        }
    }

    /// <summary>Stops every instance after the instances that depend on it, so apps go before their sidecars and servers.</summary>
    public async Task StopAsync()
    {
        await _shuttingDown.CancelAsync();
        var stops = new Dictionary<ResourceInstance, Task>();
        Task StopAfterDependents(ResourceInstance instance)
        {
            if (!stops.TryGetValue(instance, out var stop))
            {
                var dependents = Instances.Where(other => other.Dependencies.Contains(instance)).Select(StopAfterDependents).ToList();
                stop = StopWhenAsync(dependents, _supervisors[instance.Name]);
                stops[instance] = stop;
            }
            return stop;
        }

        await Task.WhenAll(Instances.Select(StopAfterDependents).ToList());
    }

    /// <summary>The dashboard's Start/Stop/Restart; false when the resource is unknown or the command does not apply.</summary>
    public async Task<bool> ExecuteAsync(string instanceName, ResourceCommand command)
    {
        if (!_supervisors.TryGetValue(instanceName, out var supervisor) || _shuttingDown.IsCancellationRequested)
        {
            return false;
        }
        switch (command)
        {
            case ResourceCommand.Start when !supervisor.IsActive:
                supervisor.Start();
                return true;
            case ResourceCommand.Stop when supervisor.IsActive:
                await supervisor.StopAsync();
                return true;
            case ResourceCommand.Restart:
                await supervisor.StopAsync();
                supervisor.Start();
                return true;
            default:
                return false;
        }
    }

    private static async Task StopWhenAsync(IReadOnlyList<Task> dependentsStopped, ResourceSupervisor supervisor)
    {
        await Task.WhenAll(dependentsStopped);
        await supervisor.StopAsync();
    }
}
