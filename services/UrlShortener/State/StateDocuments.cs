using Dapr;
using Dapr.Client;
using System.Text.Json;
using Grpc.Core;

namespace AmazonScale.UrlShortener.State;

/// <summary>
/// JSON documents in the Dapr state store with the write disciplines this service relies on:
/// first-write insert (claiming a key exactly once across instances), ETag read-modify-write with retry
/// (counters and indexes), ETag-guarded writes of many existing documents in one transaction, and plain
/// last-write saves. TTLs use the standard ttlInSeconds metadata.
/// </summary>
public sealed class StateDocuments(DaprClient dapr, StripedLock locks)
{
    private const int MaxAttempts = 64;
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    public async Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<T>(DaprComponents.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);

    /// <summary>Existing documents among <paramref name="keys"/>, by key.</summary>
    public async Task<Dictionary<string, T>> GetManyAsync<T>(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        var items = await dapr.GetBulkStateAsync<T>(DaprComponents.StateStore, keys, parallelism: 8, cancellationToken: cancellationToken);
        return items.Where(item => item.Value is not null).ToDictionary(item => item.Key, item => item.Value);
    }

    /// <summary>Documents among <paramref name="keys"/> with the ETags to write them back with (both null for a missing key).</summary>
    public async Task<Dictionary<string, Versioned<T>>> GetManyVersionedAsync<T>(IReadOnlyList<string> keys, CancellationToken cancellationToken) where T : class
    {
        var items = await dapr.GetBulkStateAsync<T>(DaprComponents.StateStore, keys, parallelism: 8, cancellationToken: cancellationToken);
        return items.ToDictionary(item => item.Key, item => new Versioned<T>(item.Value, string.IsNullOrEmpty(item.ETag) ? null : item.ETag), StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes existing documents in one state transaction, each guarded by the ETag it was read with. False when any
    /// guard failed or the store refused the transaction — some stores (Redis) may still have written the others —
    /// and the caller then falls back to <see cref="UpdateAsync"/> per document. Creating documents is left to
    /// <see cref="TryInsertAsync"/>: not every store honours first-write inside a transaction.
    /// </summary>
    public async Task<bool> TryWriteAllAsync<T>(IReadOnlyList<(string Key, T Value, string ETag)> documents, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        var metadata = TtlMetadata(ttl);
        var operations = documents.Select(document => new StateTransactionRequest(
            document.Key,
            JsonSerializer.SerializeToUtf8Bytes(document.Value, dapr.JsonSerializerOptions),
            StateOperationType.Upsert,
            document.ETag,
            metadata)).ToList();
        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprComponents.StateStore, operations, cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException)
        {
            return false;
        }
    }

    /// <summary>Stores <paramref name="value"/> only if <paramref name="key"/> does not exist yet; false when it does.</summary>
    public async Task<bool> TryInsertAsync<T>(string key, T value, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        try
        {
            await dapr.SaveStateAsync(DaprComponents.StateStore, key, value, FirstWrite, TtlMetadata(ttl), cancellationToken);
            return true;
        }
        catch (DaprException ex) when (IsConflict(ex))
        {
            return false;
        }
        catch (DaprException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.Internal })
        {
            // Some stores (Redis, like daprd's components-contrib) report a lost first-write race without an
            // ETag as a generic failure rather than an ETag mismatch: the key existing now tells them apart.
            var (_, etag) = await dapr.GetStateAndETagAsync<JsonElement?>(DaprComponents.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
            if (string.IsNullOrEmpty(etag))
            {
                throw;
            }
            return false;
        }
    }

    public Task SaveAsync<T>(string key, T value, TimeSpan? ttl, CancellationToken cancellationToken) =>
        dapr.SaveStateAsync(DaprComponents.StateStore, key, value, metadata: TtlMetadata(ttl), cancellationToken: cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        dapr.DeleteStateAsync(DaprComponents.StateStore, key, cancellationToken: cancellationToken);

    /// <summary>
    /// Read-modify-write under optimistic concurrency: <paramref name="change"/> sees the current document
    /// (default when missing) and returns the next one (null: write nothing) and a result. On an ETag
    /// conflict (another instance wrote first) the change is re-run on fresh data.
    /// </summary>
    public async Task<TResult> UpdateAsync<T, TResult>(string key, Func<T?, DocumentChange<T, TResult>> change, CancellationToken cancellationToken)
        where T : class
    {
        using var _ = await locks.AcquireAsync(key, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var (current, etag) = await dapr.GetStateAndETagAsync<T>(DaprComponents.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
            var outcome = change(current);
            if (outcome.Next is null || await TryWriteAsync(key, outcome.Next, etag, outcome.Ttl, cancellationToken))
            {
                return outcome.Result;
            }
            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"state document '{key}' kept changing under {MaxAttempts} attempts.");
            }
            await Task.Delay(Random.Shared.Next(1, 2 + Math.Min(attempt, 20)), cancellationToken);
        }
    }

    private async Task<bool> TryWriteAsync<T>(string key, T next, string? etag, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return await TryInsertAsync(key, next, ttl, cancellationToken);
        }
        return await dapr.TrySaveStateAsync(DaprComponents.StateStore, key, next, etag, metadata: TtlMetadata(ttl), cancellationToken: cancellationToken);
    }

    private static bool IsConflict(DaprException ex) => ex.InnerException is RpcException { StatusCode: StatusCode.Aborted };

    private static Dictionary<string, string>? TtlMetadata(TimeSpan? ttl) =>
        ttl is { } value ? new() { ["ttlInSeconds"] = ((long)Math.Ceiling(value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) } : null;
}
