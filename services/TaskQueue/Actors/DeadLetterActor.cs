using Dapr.Actors.Runtime;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>The dead-letter queue: one actor, oldest first. Entries are small (ids and errors, not payloads).</summary>
public sealed class DeadLetterActor(ActorHost host) : Actor(host), IDeadLetterActor
{
    public const string SingletonId = "dead-letters";
    private const string EntriesKey = "entries";

    private List<DeadLetter>? _entries;

    public async Task Add(DeadLetter entry)
    {
        var entries = await EntriesAsync();
        if (entries.Any(existing => existing.TaskId == entry.TaskId))
        {
            return;
        }
        entries.Add(entry);
        await StateManager.SetStateAsync(EntriesKey, entries);
    }

    public async Task<bool> Remove(string taskId)
    {
        var entries = await EntriesAsync();
        if (entries.RemoveAll(entry => entry.TaskId == taskId) == 0)
        {
            return false;
        }
        await StateManager.SetStateAsync(EntriesKey, entries);
        return true;
    }

    public async Task<DeadLetterPage> List(int limit)
    {
        var entries = await EntriesAsync();
        return new DeadLetterPage(entries.Count, entries.Take(limit).ToList());
    }

    public async Task<int> Purge()
    {
        var entries = await EntriesAsync();
        var count = entries.Count;
        entries.Clear();
        await StateManager.SetStateAsync(EntriesKey, entries);
        return count;
    }

    private async Task<List<DeadLetter>> EntriesAsync()
    {
        if (_entries is null)
        {
            var stored = await StateManager.TryGetStateAsync<List<DeadLetter>>(EntriesKey);
            _entries = stored.HasValue ? stored.Value : [];
        }
        return _entries;
    }
}
