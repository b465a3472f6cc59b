using System.Text.Json;
using AmazonScale.Sidecar.State;

namespace AmazonScale.Sidecar.Actors.Reminders;

/// <summary>
/// Durable reminders in the actor state store under a private layout (daprd ≥ 1.17 keeps them in its
/// Scheduler, so nothing else reads these keys): one document per reminder at
/// dapr-local-reminders||{type}||{id}||{name}, and one index per actor type at dapr-local-reminders||{type}
/// listing them, updated with ETag-checked writes so concurrent sidecars never lose an entry.
/// </summary>
public sealed class ReminderStore(ActorStateStoreLocator stores)
{
    public const string KeyPrefix = "dapr-local-reminders";
    private const int MaxIndexAttempts = 50;

    public sealed record IndexEntry(string ActorId, string Name);

    public bool IsAvailable => stores.Find() is not null;

    public async Task SaveAsync(StoredReminder reminder, CancellationToken cancellationToken)
    {
        await WriteAsync(reminder, cancellationToken);
        await UpdateIndexAsync(reminder.ActorType, index => index.Add(new IndexEntry(reminder.ActorId, reminder.Name)), cancellationToken);
    }

    /// <summary>Rewrites the reminder's progress after a fire; the index is unchanged.</summary>
    public Task WriteAsync(StoredReminder reminder, CancellationToken cancellationToken) =>
        stores.Require().Store.SetAsync(new StateSetRequest(DocumentKey(reminder.Actor, reminder.Name),
            new StateValue(JsonSerializer.SerializeToUtf8Bytes(reminder), false)), cancellationToken);

    public async Task DeleteAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        await stores.Require().Store.DeleteAsync(new StateDeleteRequest(DocumentKey(actor, name)), cancellationToken);
        await UpdateIndexAsync(actor.Type, index => index.Remove(new IndexEntry(actor.Id, name)), cancellationToken);
    }

    public async Task<StoredReminder?> GetAsync(ActorKey actor, string name, CancellationToken cancellationToken)
    {
        var entry = await stores.Require().Store.GetAsync(DocumentKey(actor, name), cancellationToken);
        return entry is null ? null : JsonSerializer.Deserialize<StoredReminder>(entry.Value);
    }

    public async Task<IReadOnlySet<IndexEntry>> ReadIndexAsync(string actorType, CancellationToken cancellationToken) =>
        (await ReadIndexEntryAsync(actorType, cancellationToken)).Index;

    private async Task UpdateIndexAsync(string actorType, Func<HashSet<IndexEntry>, bool> change, CancellationToken cancellationToken)
    {
        var store = stores.Require().Store;
        for (var attempt = 0; attempt < MaxIndexAttempts; attempt++)
        {
            var (index, etag) = await ReadIndexEntryAsync(actorType, cancellationToken);
            var updated = new HashSet<IndexEntry>(index);
            if (!change(updated))
            {
                return;
            }
            var request = new StateSetRequest(IndexKey(actorType), new StateValue(JsonSerializer.SerializeToUtf8Bytes(updated), false),
                etag, etag is null ? StateConcurrency.FirstWrite : StateConcurrency.Unspecified);
            try
            {
                await store.SetAsync(request, cancellationToken);
                return;
            }
            catch (StateETagMismatchException)
            {
                // Another sidecar changed the index first; re-read and apply the change again.
            }
        }
        throw ActorErrors.ReminderStore($"the reminder index of {actorType} is too contended").ToException();
    }

    private async Task<(HashSet<IndexEntry> Index, string? ETag)> ReadIndexEntryAsync(string actorType, CancellationToken cancellationToken)
    {
        var entry = await stores.Require().Store.GetAsync(IndexKey(actorType), cancellationToken);
        if (entry is null)
        {
            return ([], null);
        }
        return (JsonSerializer.Deserialize<HashSet<IndexEntry>>(entry.Value) ?? [], entry.ETag);
    }

    private static string IndexKey(string actorType) => string.Join(ActorKey.Separator, KeyPrefix, actorType);

    private static string DocumentKey(ActorKey actor, string name) => string.Join(ActorKey.Separator, KeyPrefix, actor.Type, actor.Id, name);
}
