using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// state.in-memory: a process-local map like components-contrib's, with a UUID ETag per write, first-write
/// failing on an existing key, TTL enforced on read and by a background sweep, and all-or-nothing transactions
/// (every ETag is checked before anything changes).
/// </summary>
public sealed class InMemoryStateStore : IStateStore, IComponentCapabilities, IAsyncDisposable
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, StateEntry> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer _cleanup;

    public InMemoryStateStore(TimeProvider time, IReadOnlyList<string> capabilities)
    {
        Capabilities = capabilities;
        _time = time;
        _cleanup = time.CreateTimer(_ => RemoveExpired(), null, CleanupInterval, CleanupInterval);
    }

    public IReadOnlyList<string> Capabilities { get; }

    public Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Live(key));
        }
    }

    public Task SetAsync(StateSetRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CheckETag(request.Key, request.ETag, request.Concurrency);
            Write(request);
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(StateDeleteRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CheckETag(request.Key, request.ETag, request.Concurrency);
            _items.Remove(request.Key);
        }
        return Task.CompletedTask;
    }

    public Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var operation in operations)
            {
                switch (operation)
                {
                    case StateUpsert upsert:
                        CheckETag(upsert.Key, upsert.Request.ETag, upsert.Request.Concurrency);
                        break;
                    case StateDelete delete:
                        CheckETag(delete.Key, delete.Request.ETag, delete.Request.Concurrency);
                        break;
                }
            }
            foreach (var operation in operations)
            {
                if (operation is StateUpsert upsert)
                {
                    Write(upsert.Request);
                }
                else
                {
                    _items.Remove(operation.Key);
                }
            }
        }
        return Task.CompletedTask;
    }

    private StateEntry? Live(string key)
    {
        if (!_items.TryGetValue(key, out var entry))
        {
            return null;
        }
        if (entry.ExpiresAt is { } expires && expires <= _time.GetUtcNow())
        {
            _items.Remove(key);
            return null;
        }
        return entry;
    }

    private void CheckETag(string key, string? etag, StateConcurrency concurrency)
    {
        var current = Live(key);
        if (etag is null)
        {
            if (concurrency == StateConcurrency.FirstWrite && current is not null)
            {
                throw new StateETagMismatchException(key);
            }
            return;
        }
        if (current is null || !string.Equals(current.ETag, etag, StringComparison.Ordinal))
        {
            throw new StateETagMismatchException(key);
        }
    }

    private void Write(StateSetRequest request)
    {
        DateTimeOffset? expires = request.Ttl is { } ttl && ttl > TimeSpan.Zero ? _time.GetUtcNow() + ttl : null;
        _items[request.Key] = new StateEntry(request.Value.Bytes.ToArray(), request.Value.IsBinary, Guid.NewGuid().ToString(), expires);
    }

    private void RemoveExpired()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var key in _items.Where(i => i.Value.ExpiresAt <= now).Select(i => i.Key).ToList())
            {
                _items.Remove(key);
            }
        }
    }

    public ValueTask DisposeAsync() => _cleanup.DisposeAsync();
}
