using System.Collections.Concurrent;
using AmazonScale.Sessions.Actors;
using AmazonScale.Sessions.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace AmazonScale.Sessions.Validation;

/// <summary>
/// Session id → snapshot, so a validation that hits never leaves the process. A miss reads through the session's
/// actor once however many requests wait (single flight); unknown ids are remembered briefly so probing cannot turn
/// into actor traffic. SessionChanged events (broadcast) evict entries; a fill that raced with an eviction is not
/// kept, so an eviction can never be undone by the stale value it evicted.
/// </summary>
public sealed class SessionCache(SessionActors actors, SessionsOptions options, SessionsMetrics metrics) : IDisposable
{
    private static readonly TimeSpan UnknownSessionLifetime = TimeSpan.FromSeconds(5);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = options.CacheEntries });
    private readonly ConcurrentDictionary<string, Lazy<Task<CachedSession?>>> _loading = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The cached entry, or a fresh read; <c>Fresh</c> says which (a fresh answer is not worth re-reading).</summary>
    public ValueTask<(CachedSession? Entry, bool Fresh)> GetAsync(string sessionId)
    {
        if (_entries.TryGetValue(sessionId, out CachedSession? cached))
        {
            metrics.CacheLookup(hit: true);
            return ValueTask.FromResult((cached, false));
        }
        metrics.CacheLookup(hit: false);
        return ReadAsync(sessionId);
    }

    /// <summary>Bypasses the cache: used when the cached copy may be stale (token mismatch, idle deadline passed).</summary>
    public async ValueTask<(CachedSession? Entry, bool Fresh)> ReloadAsync(string sessionId)
    {
        Invalidate(sessionId);
        return await ReadAsync(sessionId);
    }

    /// <summary>Read-your-writes for the instance that opened or rotated a session.</summary>
    public void Put(SessionSnapshot snapshot)
    {
        Interlocked.Increment(ref _generation);
        Store(snapshot.SessionId, new CachedSession(snapshot));
    }

    /// <summary>Applies a SessionChanged event: a rotation this instance already holds (it made it) keeps its entry.</summary>
    public void Apply(string sessionId, int generation, bool ended)
    {
        if (ended || !_entries.TryGetValue(sessionId, out CachedSession? cached) || cached is null || cached.Snapshot.Generation < generation)
        {
            Invalidate(sessionId);
        }
    }

    public void Invalidate(string sessionId)
    {
        Interlocked.Increment(ref _generation);
        _entries.Remove(sessionId);
    }

    public bool Contains(string sessionId) => _entries.TryGetValue(sessionId, out _);

    private async ValueTask<(CachedSession? Entry, bool Fresh)> ReadAsync(string sessionId)
    {
        var load = _loading.GetOrAdd(sessionId, id => new Lazy<Task<CachedSession?>>(() => LoadAsync(id)));
        try
        {
            return (await load.Value, true);
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task<CachedSession?>>>(sessionId, load));
        }
    }

    private async Task<CachedSession?> LoadAsync(string sessionId)
    {
        var generation = Interlocked.Read(ref _generation);
        var lookup = await actors.GetAsync(sessionId, CancellationToken.None);
        var entry = lookup.Snapshot is { } snapshot ? new CachedSession(snapshot) : null;
        if (Interlocked.Read(ref _generation) == generation)
        {
            Store(sessionId, entry);
            // An eviction between the check and the store may have run before the store.
            if (Interlocked.Read(ref _generation) != generation)
            {
                _entries.Remove(sessionId);
            }
        }
        return entry;
    }

    private void Store(string sessionId, CachedSession? entry) =>
        _entries.Set(sessionId, entry, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = entry is null ? UnknownSessionLifetime : options.CacheRefreshInterval,
        });

    public void Dispose() => _entries.Dispose();
}
