using System.Collections.Concurrent;

namespace AmazonScale.Orchestrations.Tests.Workflows;

/// <summary>Per-instance gates that <see cref="GatedActivity"/> waits on.</summary>
public sealed class ActivityGate
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public Task WaitAsync(string instanceId, CancellationToken cancellationToken) => Gate(instanceId).Task.WaitAsync(cancellationToken);

    public void Open(string instanceId) => Gate(instanceId).TrySetResult();

    private TaskCompletionSource Gate(string instanceId) => _gates.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
