using System.Collections.Concurrent;
using System.Text.Json;
using AmazonScale.Sidecar.State;

namespace AmazonScale.Sidecar.Actors.Reminders;

/// <summary>
/// Durable reminders in the actor state store under a private layout (daprd ≥ 1.17 keeps them in its
/// Scheduler, so nothing else reads these keys): one document per reminder at
/// dapr-local-reminders||{type}||{id}||{name}, and per actor type an index split into
/// <see cref="ReminderIndexPartition.Count"/> partitions at dapr-local-reminders-index||{type}||{n}, each
/// updated with ETag-checked writes so concurrent sidecars never lose an entry. Partitioning by actor id
/// keeps many registrations at once from all racing for one ETag; within this sidecar, writers of one
/// partition also queue behind a local lock so the ETag only arbitrates between sidecars.
/// </summary>
public sealed class ReminderStore(ActorStateStoreLocator stores)
{
    public const string KeyPrefix = "dapr-local-reminders";
    private const string IndexKeyPrefix = "dapr-local-reminders-index";
    private const int MaxIndexAttempts = 50;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _partitionLocks = new();

    public sealed record IndexEntry(string ActorId, string Name);

    public bool IsAvailable => stores.Find() is not null;

    public async Task SaveAsync(StoredReminder reminder, CancellationToken cancellationToken)
    {
        await WriteAsync(reminder, cancellationToken);
        await UpdateIndexAsync(reminder.ActorType, reminder.ActorId, index => index.Add(new IndexEntry(reminder.ActorId, reminder.Name)), cancellationToken);
    }

    /// <summary>Rewrites the reminder's progress after a fire; the index is unchanged.</summary>
    public Task WriteAsync(StoredReminder reminder, CancellationToken cancellationToken) =>
        stores.Require().Store.SetAsync(new StateSetRequest(DocumentKey(reminder.Actor, reminder.Name),
            new StateValue(JsonSerializer.SerializeToUtf8Bytes(reminder), false)), cancellationToken);

    public async Task DeleteAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        await stores.Require().Store.DeleteAsync(new StateDeleteRequest(DocumentKey(actor, name)), cancellationToken);
        await UpdateIndexAsync(actor.Type, actor.Id, index => index.Remove(new IndexEntry(actor.Id, name)), cancellationToken);
    }

    public async Task<StoredReminder?> GetAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        var entry = await stores.Require().Store.GetAsync(DocumentKey(actor, name), cancellationToken);
        return entry is null ? null : JsonSerializer.Deserialize<StoredReminder>(entry.Value);
    }

    public async Task<IReadOnlySet<IndexEntry>> ReadIndexAsync(string actorType, CancellationToken cancellationToken)
    {
        var partitions = await Task.WhenAll(Enumerable.Range(0, ReminderIndexPartition.Count)
            .Select(partition => ReadPartitionAsync(PartitionKey(actorType, partition), cancellationToken)));
        var index = new HashSet<IndexEntry>();
        foreach (var (entries, _) in partitions)
        {
            index.UnionWith(entries);
        }
        return index;
    }

    private async Task UpdateIndexAsync(string actorType, string actorId, Func<HashSet<IndexEntry>, bool> change, CancellationToken cancellationToken)
    {
        var key = PartitionKey(actorType, ReminderIndexPartition.Of(actorId));
        var partitionLock = _partitionLocks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await partitionLock.WaitAsync(cancellationToken);
        try
        {
            await UpdatePartitionAsync(actorType, key, change, cancellationToken);
        }
        finally
        {
            partitionLock.Release();
        }
    }

    private async Task UpdatePartitionAsync(string actorType, string key, Func<HashSet<IndexEntry>, bool> change, CancellationToken cancellationToken)
    {
        var store = stores.Require().Store;
        for (var attempt = 0; attempt < MaxIndexAttempts; attempt++)
        {
            var (index, etag) = await ReadPartitionAsync(key, cancellationToken);
            var updated = new HashSet<IndexEntry>(index);
            if (!change(updated))
            {
                return;
            }
            var request = new StateSetRequest(key, new StateValue(JsonSerializer.SerializeToUtf8Bytes(updated), false),
                etag, etag is null ? StateConcurrency.FirstWrite : StateConcurrency.Unspecified);
            try
            {
                await store.SetAsync(request, cancellationToken);
                return;
            }
            catch (StateETagMismatchException)
            {
                // Another sidecar changed this partition first; re-read and apply the change again.
            }
        }
        throw ActorErrors.ReminderStore($"the reminder index of {actorType} is too contended").ToException();
    }

    private async Task<(HashSet<IndexEntry> Index, string? ETag)> ReadPartitionAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await stores.Require().Store.GetAsync(key, cancellationToken);
        if (entry is null)
        {
            return ([], null);
        }
        return (JsonSerializer.Deserialize<HashSet<IndexEntry>>(entry.Value) ?? [], entry.ETag);
    }

    private static string PartitionKey(string actorType, int partition) =>
        string.Join(ActorKey.Separator, IndexKeyPrefix, actorType, partition.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string DocumentKey(ActorKey actor, string name) => string.Join(ActorKey.Separator, KeyPrefix, actor.Type, actor.Id, name);
}
