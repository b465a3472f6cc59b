using AmazonScale.Sidecar.Errors;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// The state building block behind both front ends (HTTP and gRPC): resolves the store, applies the key
/// prefix, validates every item before anything is written, and turns store failures into daprd's errors.
/// Requests carry the caller's keys; results carry them back without the prefix.
/// </summary>
public sealed class StateService(StateStoreCatalog catalog)
{
    private const int DefaultBulkParallelism = 10;

    public async Task<StateEntry?> GetAsync(string storeName, string key, CancellationToken cancellationToken)
    {
        var store = catalog.Resolve(storeName);
        var storedKey = store.KeyPrefix.Apply(key);
        try
        {
            return await store.Store.GetAsync(storedKey, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw StateErrors.Get(storeName, key, ex.Message).ToException();
        }
    }

    public async Task<IReadOnlyList<BulkStateResult>> GetBulkAsync(string storeName, IReadOnlyList<string> keys, int parallelism, CancellationToken cancellationToken)
    {
        var store = catalog.Resolve(storeName);
        var storedKeys = keys.Select(store.KeyPrefix.Apply).ToArray();
        var results = new BulkStateResult[keys.Count];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = parallelism > 0 ? parallelism : DefaultBulkParallelism,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), options, async (i, token) =>
        {
            try
            {
                results[i] = new BulkStateResult(keys[i], await store.Store.GetAsync(storedKeys[i], token), null);
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                results[i] = new BulkStateResult(keys[i], null, ex.Message);
            }
        });
        return results;
    }

    public async Task SaveAsync(string storeName, IReadOnlyList<StateSetRequest> items, CancellationToken cancellationToken)
    {
        var store = catalog.Resolve(storeName);
        var requests = items.Select(item => item with { Key = StoredKey(store, item.Key, "ERR_STATE_SAVE") }).ToList();
        try
        {
            foreach (var request in requests)
            {
                await store.Store.SetAsync(request, cancellationToken);
            }
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw StateErrors.Save(storeName, ex).ToException();
        }
    }

    public async Task DeleteAsync(string storeName, StateDeleteRequest request, CancellationToken cancellationToken)
    {
        var store = catalog.Resolve(storeName);
        var stored = request with { Key = StoredKey(store, request.Key, "ERR_STATE_DELETE") };
        try
        {
            await store.Store.DeleteAsync(stored, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw StateErrors.Delete(request.Key, ex).ToException();
        }
    }

    public async Task DeleteBulkAsync(string storeName, IReadOnlyList<StateDeleteRequest> requests, CancellationToken cancellationToken)
    {
        var store = catalog.Resolve(storeName);
        var stored = requests.Select(r => r with { Key = StoredKey(store, r.Key, "ERR_STATE_DELETE") }).ToList();
        try
        {
            foreach (var request in stored)
            {
                await store.Store.DeleteAsync(request, cancellationToken);
            }
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw StateErrors.DeleteBulk(storeName, ex).ToException();
        }
    }

    public async Task ExecuteTransactionAsync(string storeName, IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        var store = catalog.Resolve(storeName);
        var stored = operations.Select(operation => operation switch
        {
            StateUpsert upsert => (StateOperation)new StateUpsert(upsert.Request with { Key = StoredKey(store, upsert.Key, "ERR_STATE_TRANSACTION") }),
            StateDelete delete => new StateDelete(delete.Request with { Key = StoredKey(store, delete.Key, "ERR_STATE_TRANSACTION") }),
            _ => throw new ArgumentException($"unknown operation {operation.GetType().Name}", nameof(operations)),
        }).ToList();
        if (stored.Count == 0)
        {
            return;
        }
        try
        {
            await store.Store.ExecuteTransactionAsync(stored, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw StateErrors.Transaction(ex).ToException();
        }
    }

    private static string StoredKey(ConfiguredStateStore store, string key, string errorCode) =>
        string.IsNullOrEmpty(key) ? throw StateErrors.EmptyKey(errorCode).ToException() : store.KeyPrefix.Apply(key);

    private static bool IsStoreFailure(Exception ex) => ex is not DaprException and not OperationCanceledException;
}
