using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Engine.Instances;
using Dapr.Actors.Runtime;

namespace AmazonScale.Orchestrations.Actors;

/// <summary>
/// Instance state in actor state: key <c>instance</c> (metadata, inbox, outbox, history length) and one key
/// per history event (<c>history-{n}</c>), so a step writes only its new events. Every save is one actor
/// state transaction.
/// </summary>
internal sealed class ActorInstanceStore(IActorStateManager state) : IInstanceStore
{
    private const string InstanceKey = "instance";

    private HistoryEvent[] _persisted = [];

    private sealed record StoredInstance(InstanceRecord Record, int HistoryLength);

    public async Task<InstanceRecord?> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await state.TryGetStateAsync<StoredInstance>(InstanceKey, cancellationToken);
        if (!stored.HasValue)
        {
            _persisted = [];
            return null;
        }
        var history = new HistoryEvent[stored.Value.HistoryLength];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = await state.GetStateAsync<HistoryEvent>(HistoryKey(i), cancellationToken);
        }
        _persisted = history;
        stored.Value.Record.History = [.. history];
        return stored.Value.Record;
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
            await state.SetStateAsync(HistoryKey(i), history[i], cancellationToken);
        }
        for (var i = history.Count; i < _persisted.Length; i++)
        {
            await state.TryRemoveStateAsync(HistoryKey(i), cancellationToken);
        }
        await state.SetStateAsync(InstanceKey, new StoredInstance(record, history.Count), cancellationToken);
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
