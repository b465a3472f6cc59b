using System.Text.Json;
using AmazonScale.Orchestrations.Engine;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Engine.Instances;

namespace AmazonScale.Orchestrations.Tests.Engine;

/// <summary>An instance's state as JSON in <see cref="InMemoryStorage"/>: every load is a fresh copy, like a real store.</summary>
internal sealed class InMemoryInstanceStore(InMemoryStorage storage, string instanceId) : IInstanceStore
{
    public Task<InstanceRecord?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!storage.Instances.TryGetValue(instanceId, out var stored))
        {
            return Task.FromResult<InstanceRecord?>(null);
        }
        var record = JsonSerializer.Deserialize<InstanceRecord>(stored.Record, WorkflowJson.Options)!;
        record.History = JsonSerializer.Deserialize<List<HistoryEvent>>(stored.History, WorkflowJson.Options)!;
        return Task.FromResult<InstanceRecord?>(record);
    }

    public Task SaveAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        storage.Instances[instanceId] = (JsonSerializer.Serialize(record, WorkflowJson.Options), JsonSerializer.Serialize(record.History, WorkflowJson.Options));
        return Task.CompletedTask;
    }

    public Task DeleteAsync(CancellationToken cancellationToken)
    {
        storage.Instances.TryRemove(instanceId, out _);
        return Task.CompletedTask;
    }
}
