using System.Collections.Concurrent;

namespace AmazonScale.FlashSale.Domain;

/// <summary>
/// Per-key fixed windows in this process: the fallback when the shared rate limiter cannot be reached. With N
/// instances a client may get up to N × limit per window while it is down (availability over precision).
/// </summary>
public sealed class LocalWindowLimiter(TimeProvider clock, TimeSpan window, int maxKeys = 200_000)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    private sealed record Window(long Index, int Count);

    public bool TryAcquire(string key, int limit) => Acquire(key) <= limit;

    /// <summary>Counts one more for <paramref name="key"/> and returns its count in the current window.</summary>
    public int Acquire(string key)
    {
        var index = clock.GetUtcNow().Ticks / window.Ticks;
        if (_windows.Count >= maxKeys)
        {
            // Bounded memory under a flood of distinct keys: windows of past periods are worthless, drop them.
            foreach (var stale in _windows.Where(entry => entry.Value.Index < index))
            {
                _windows.TryRemove(stale);
            }
        }
        return _windows.AddOrUpdate(key, _ => new Window(index, 1), (_, w) => w.Index == index ? w with { Count = w.Count + 1 } : new Window(index, 1)).Count;
    }
}
