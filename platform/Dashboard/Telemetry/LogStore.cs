namespace AmazonScale.Dashboard.Telemetry;

/// <summary>The most recent MaxLogRecords log records of all resources, each stamped with a store-wide sequence.</summary>
public sealed class LogStore(TelemetryLimits limits)
{
    private readonly Lock _gate = new();
    private readonly RingBuffer<LogEntry> _entries = new(limits.MaxLogRecords);
    private long _lastSequence;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public void Add(IEnumerable<LogEntry> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                _entries.Add(entry with { Sequence = ++_lastSequence });
            }
        }
    }

    /// <summary>The newest <see cref="LogQuery.Limit"/> matching records, oldest first.</summary>
    public IReadOnlyList<LogEntry> Query(LogQuery query)
    {
        List<LogEntry> newestFirst;
        lock (_gate)
        {
            newestFirst = [.. _entries.NewestFirst().TakeWhile(e => e.Sequence > query.AfterSequence).Where(query.Matches).Take(query.Limit)];
        }

        newestFirst.Reverse();
        return newestFirst;
    }
}
