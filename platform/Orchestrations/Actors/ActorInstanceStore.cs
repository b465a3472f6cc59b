using System.Text.Json;
using AmazonScale.Orchestrations.Engine;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Engine.Instances;
using Dapr.Actors.Runtime;

namespace AmazonScale.Orchestrations.Actors;

/// <summary>
/// Instance state in actor state: key <c>instance</c> (metadata, inbox, outbox, history length) and one key
/// per history event (<c>history-{n}</c>), so a step writes only its new events. Every save is one actor
/// state transaction. Values are stored as JSON text (a JSON string) in the engine's own encoding: the
/// runtime re-encodes stored JSON (daprd sorts object keys), which would move type discriminators, and the
/// app's actor serializer settings must not change how instances are read back.
/// </summary>
internal sealed class ActorInstanceStore(IActorStateManager state) : IInstanceStore
{
    private const string InstanceKey = "instance";

    private HistoryEvent[] _persisted = [];

    private sealed record StoredInstance(InstanceRecord Record, int HistoryLength);

    public async Task<InstanceRecord?> LoadAsync(CancellationToken cancellationToken)
    {
        var text = await state.TryGetStateAsync<string>(InstanceKey, cancellationToken);
        if (!text.HasValue)
        {
            _persisted = [];
            return null;
        }
        var stored = JsonSerializer.Deserialize<StoredInstance>(text.Value, WorkflowJson.Options)!;
        var history = new HistoryEvent[stored.HistoryLength];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = JsonSerializer.Deserialize<HistoryEvent>(await state.GetStateAsync<string>(HistoryKey(i), cancellationToken), WorkflowJson.Options)!;
        }
        _persisted = history;
        stored.Record.History = [.. history];
        return stored.Record;
    }

    public async Task SaveAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        var history = record.History;
        var unchanged = 0;
        while (unchanged < Math.Min(history.Count, _persisted.Length) && ReferenceEquals(history[unchanged], _persisted[unchanged]))
        {
            unchanged++;
        }
        for (var i = unchanged; i < history.Count; i++)
        {
            await state.SetStateAsync(HistoryKey(i), JsonSerializer.Serialize(history[i], WorkflowJson.Options), cancellationToken);
        }
        for (var i = history.Count; i < _persisted.Length; i++)
        {
            await state.TryRemoveStateAsync(HistoryKey(i), cancellationToken);
        }
        await state.SetStateAsync(InstanceKey, JsonSerializer.Serialize(new StoredInstance(record, history.Count), WorkflowJson.Options), cancellationToken);
        await state.SaveStateAsync(cancellationToken);
        _persisted = [.. history];
    }

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _persisted.Length; i++)
        {
            await state.TryRemoveStateAsync(HistoryKey(i), cancellationToken);
        }
        await state.TryRemoveStateAsync(InstanceKey, cancellationToken);
        await state.SaveStateAsync(cancellationToken);
        _persisted = [];
    }

    private static string HistoryKey(int index) => $"history-{index}";
}
