using System.Collections.Concurrent;
using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.State;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>
/// In-process code → target cache for the redirect hot path (no sidecar hop on a hit). Misses read the
/// state store once per code however many requests wait (single flight). Unknown codes are cached
/// too, briefly, so probing random codes cannot turn into a state-store load. Entries are dropped when a
/// UrlChanged event arrives on "broadcast"; a fill that raced with such an event is not stored, so an
/// invalidation can never be overwritten by the stale value it invalidated.
/// </summary>
public sealed class RedirectCache(StateDocuments state, UrlShortenerMetrics metrics, IOptions<UrlShortenerOptions> options) : IDisposable
{
    // Safety nets for a missed invalidation; correctness comes from the events.
    private static readonly TimeSpan KnownCodeLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan UnknownCodeLifetime = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = options.Value.RedirectCacheEntries });
    private readonly ConcurrentDictionary<string, Lazy<Task<RedirectTarget?>>> _loading = new(StringComparer.Ordinal);
    private long _generation;

    public ValueTask<RedirectTarget?> FindAsync(string code)
    {
        if (_entries.TryGetValue(code, out RedirectTarget? cached))
        {
            metrics.CacheLookup(hit: true);
            return ValueTask.FromResult(cached);
        }
        metrics.CacheLookup(hit: false);
        return new ValueTask<RedirectTarget?>(LoadOnceAsync(code));
    }

    public void Invalidate(string code)
    {
        Interlocked.Increment(ref _generation);
        _entries.Remove(code);
    }

    private async Task<RedirectTarget?> LoadOnceAsync(string code)
    {
        var load = _loading.GetOrAdd(code, key => new Lazy<Task<RedirectTarget?>>(() => LoadAsync(key)));
        try
        {
            return await load.Value;
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task<RedirectTarget?>>>(code, load));
        }
    }

    private async Task<RedirectTarget?> LoadAsync(string code)
    {
        var generation = Interlocked.Read(ref _generation);
        var url = await state.GetAsync<ShortUrl>(StateKeys.Url(code), CancellationToken.None);
        var target = url is null ? null : RedirectTarget.From(url);
        if (Interlocked.Read(ref _generation) != generation)
        {
            return target;
        }
        _entries.Set(code, target, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = target is null ? UnknownCodeLifetime : KnownCodeLifetime,
        });
        // An invalidation between the check and the Set: its Remove may have run before our Set.
        if (Interlocked.Read(ref _generation) != generation)
        {
            _entries.Remove(code);
        }
        return target;
    }

    public void Dispose() => _entries.Dispose();
}
