using System.Collections.Concurrent;

namespace AmazonScale.FlashSale.Domain;

/// <summary>
/// Per-key fixed windows in this process: the fallback when the shared rate limiter cannot be reached. With N
/// instances a client may get up to N × limit per window while it is down (availability over precision).
/// </summary>
public sealed class LocalWindowLimiter(TimeProvider clock, TimeSpan window, int maxKeys = 200_000)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _sizeCheckedInWindow = -1;

    private sealed record Window(long Index, int Count);

    public int Keys => _windows.Count;

    public bool TryAcquire(string key, int limit) => Acquire(key) <= limit;

    /// <summary>Counts one more for <paramref name="key"/> and returns its count in the current window.</summary>
    public int Acquire(string key)
    {
        var index = clock.GetUtcNow().Ticks / window.Ticks;
        // Bounded memory under a flood of distinct keys: windows of past periods are worthless, so they are dropped when
        // there are many keys. Looked at once per window: the dictionary's Count takes every one of its locks, which
        // on every call was 5% of the service's CPU in the flash-sale bench (and a full scan per call once the keys of
        // the current window alone exceeded the bound).
        if (Interlocked.Exchange(ref _sizeCheckedInWindow, index) != index && _windows.Count >= maxKeys)
        {
            foreach (var stale in _windows.Where(entry => entry.Value.Index < index))
            {
                _windows.TryRemove(stale);
            }
        }
        return _windows.AddOrUpdate(key, static (_, now) => new Window(now, 1), static (_, w, now) => w.Index == now ? w with { Count = w.Count + 1 } : new Window(now, 1), index).Count;
    }
}
