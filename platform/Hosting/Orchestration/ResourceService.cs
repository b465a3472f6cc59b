using AmazonScale.Dashboard.Resources;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>The dashboard's view of the orchestrator: snapshots, console logs, change events and commands.</summary>
internal sealed class ResourceService : IResourceService
{
    private readonly Orchestrator _orchestrator;
    private readonly Dictionary<string, ResourceInstance> _byName;

    public ResourceService(Orchestrator orchestrator)
    {
        _orchestrator = orchestrator;
        _byName = orchestrator.Instances.ToDictionary(i => i.Name);
        foreach (var instance in orchestrator.Instances)
        {
            instance.Changed += snapshot => ResourceChanged?.Invoke(snapshot);
        }
    }

    public event Action<ResourceSnapshot>? ResourceChanged;

    public IReadOnlyList<ResourceSnapshot> GetResources() => [.. _orchestrator.Instances.Select(i => i.Snapshot)];

    public IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string resourceName, long afterSequence = 0) =>
        _byName.TryGetValue(resourceName, out var instance) ? instance.Logs.After(afterSequence) : [];

    public Task<bool> ExecuteCommandAsync(string resourceName, ResourceCommand command, CancellationToken cancellationToken) =>
        _orchestrator.ExecuteAsync(resourceName, command).WaitAsync(cancellationToken);
}
