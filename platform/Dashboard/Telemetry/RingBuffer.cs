namespace AmazonScale.Dashboard.Telemetry;

/// <summary>Fixed-capacity FIFO that overwrites its oldest item when full. Not thread-safe: owners lock around it.</summary>
public sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private int _start;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _items = new T[capacity];
    }

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count < _items.Length)
        {
            _items[(_start + Count) % _items.Length] = item;
            Count++;
            return;
        }

        _items[_start] = item;
        _start = (_start + 1) % _items.Length;
    }

    /// <summary>Items from newest to oldest, so "the last N matching" stops early.</summary>
    public IEnumerable<T> NewestFirst()
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            yield return _items[(_start + i) % _items.Length];
        }
    }
}
