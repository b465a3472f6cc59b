namespace AmazonScale.TaskQueue.Domain;

/// <summary>
/// The ready tasks of one task type, strictly by priority with ageing: an entry's effective priority is its
/// priority plus one level per <see cref="AgeingStep"/> waited (capped at the top), and ties go to the oldest, so a
/// low-priority task always reaches the front eventually. The queue is memory only: its owner (a task shard) rebuilds
/// it from the durable task records, which say which tasks are ready and since when.
/// </summary>
public sealed class ReadyQueue(TimeSpan ageingStep)
{
    private readonly SortedSet<long>[] _byPriority = Enumerable.Range(0, TaskSpec.MaxPriority + 1).Select(_ => new SortedSet<long>()).ToArray();
    private readonly Dictionary<long, QueueEntry> _bySeq = [];
    private readonly Dictionary<string, QueueEntry> _byTask = new(StringComparer.Ordinal);

    public TimeSpan AgeingStep { get; } = ageingStep;

    public long NextSeq { get; private set; }

    public int Count => _byTask.Count;

    /// <summary>Adds a ready task; null (and no change) when it is already queued.</summary>
    public QueueEntry? Add(string taskId, int priority, DateTimeOffset enqueuedAt)
    {
        if (_byTask.ContainsKey(taskId))
        {
            return null;
        }
        var entry = new QueueEntry(taskId, priority, NextSeq++, enqueuedAt);
        Insert(entry);
        return entry;
    }

    public QueueEntry? Peek(DateTimeOffset now) => Best(now);

    public int EffectivePriority(QueueEntry entry, DateTimeOffset now)
    {
        var levels = now > entry.EnqueuedAt ? (int)((now - entry.EnqueuedAt) / AgeingStep) : 0;
        return Math.Min(TaskSpec.MaxPriority, entry.Priority + levels);
    }

    /// <summary>Removes and returns the most urgent entry; null when the queue is empty.</summary>
    public QueueEntry? Take(DateTimeOffset now) => Best(now) is { } entry ? Remove(entry.TaskId) : null;

    /// <summary>Removes an entry; null when it was not queued.</summary>
    public QueueEntry? Remove(string taskId)
    {
        if (!_byTask.Remove(taskId, out var entry))
        {
            return null;
        }
        _bySeq.Remove(entry.Seq);
        _byPriority[entry.Priority].Remove(entry.Seq);
        return entry;
    }

    public int[] CountByPriority()
    {
        var counts = new int[TaskSpec.MaxPriority + 1];
        foreach (var entry in _byTask.Values)
        {
            counts[entry.Priority]++;
        }
        return counts;
    }

    public DateTimeOffset? OldestEnqueuedAt => _byTask.Count == 0 ? null : _byTask.Values.Min(entry => entry.EnqueuedAt);

    private void Insert(QueueEntry entry)
    {
        _byTask[entry.TaskId] = entry;
        _bySeq[entry.Seq] = entry;
        _byPriority[entry.Priority].Add(entry.Seq);
    }

    /// <summary>The oldest entry of each priority has that priority's highest effective priority; compare those heads.</summary>
    private QueueEntry? Best(DateTimeOffset now)
    {
        QueueEntry? best = null;
        var bestPriority = 0;
        for (var priority = TaskSpec.MinPriority; priority <= TaskSpec.MaxPriority; priority++)
        {
            if (_byPriority[priority].Count == 0)
            {
                continue;
            }
            var head = _bySeq[_byPriority[priority].Min];
            var effective = EffectivePriority(head, now);
            if (best is null || effective > bestPriority || (effective == bestPriority && head.EnqueuedAt < best.EnqueuedAt))
            {
                best = head;
                bestPriority = effective;
            }
        }
        return best;
    }
}
