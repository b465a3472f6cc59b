namespace AmazonScale.TaskQueue.Domain;

/// <summary>
/// The tasks one shard actor owns (every task of a type lives in one of the type's shards), held in memory between
/// turns: the records of live (not final) tasks, a ready queue per task type, and an index of live ids in segments of
/// <see cref="SegmentSize"/> so a restart finds them again. Every change is recorded so the owner can group-commit a
/// whole turn (many tasks) in one state transaction, and run each state change's effects first.
/// Lease expiry and delays are not timers per task: <see cref="NextDue"/> says when <see cref="Sweep"/> must run next.
/// <para>
/// Leases live in memory only: leasing, heartbeats and a lease expiring write nothing (a task's stored record keeps
/// its last durable state, usually <c>ready</c>). Each activation of the shard has an <paramref name="epoch"/>, stored
/// before it leases anything and one higher than the last; every token it hands out is above
/// <c>epoch × 2^<see cref="EpochShift"/></c>, hence above every token of an earlier activation. After a restart a
/// task whose lease was lost is simply ready again, and the lost lease's holder gets "stale token".
/// </para>
/// </summary>
public sealed class TaskShard(TimeSpan ageingStep, long epoch = 0)
{
    public const int SegmentSize = 256;

    /// <summary>2^32 leases of one task per activation before its tokens could reach the next epoch's; 2^21 epochs stay below 2^53 (exact in JavaScript).</summary>
    public const int EpochShift = 32;
    private static readonly TimeSpan ThroughputWindow = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, TaskRecord> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReadyQueue> _ready = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, HashSet<string>> _segments = [];
    private readonly Dictionary<string, long> _segmentOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Throughput> _throughput = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRecord> _changed = new(StringComparer.Ordinal);
    private readonly HashSet<long> _changedSegments = [];
    private readonly List<TaskTransition> _transitions = [];
    private readonly long _tokenFloor = epoch << EpochShift;
    private bool _segmentListChanged;
    private long _nextSeq;

    /// <summary>
    /// Rebuilds a shard from its stored index segments and the records they list, as activation <paramref name="epoch"/>
    /// (higher than any before). A lease that was stored (a running task written for another reason) is voided: its
    /// token is fenced off and the next sweep puts the task back in the queue.
    /// </summary>
    public static TaskShard Restore(TimeSpan ageingStep, long epoch, IReadOnlyDictionary<long, List<string>> segments, IReadOnlyDictionary<string, TaskRecord> records,
        DateTimeOffset now)
    {
        var shard = new TaskShard(ageingStep, epoch);
        foreach (var (segment, ids) in segments)
        {
            shard._segments[segment] = new HashSet<string>(ids, StringComparer.Ordinal);
            ids.ForEach(id => shard._segmentOf[id] = segment);
            shard._nextSeq = Math.Max(shard._nextSeq, (segment + 1) * SegmentSize);
        }
        foreach (var record in records.Values.OrderBy(record => record.ReadySince))
        {
            record.VoidLease(shard._tokenFloor, now);
            shard._live[record.Id] = record;
            if (record.State == TaskState.Ready)
            {
                shard.QueueOf(record.Spec.TaskType).Add(record.Id, record.Spec.Priority, record.ReadySince ?? record.UpdatedAt);
            }
        }
        return shard;
    }

    public int LiveCount => _live.Count;

    public TaskRecord? FindLive(string id) => _live.GetValueOrDefault(id);

    public TaskRecord Create(string id, TaskSpec spec, DateTimeOffset now)
    {
        var record = TaskRecord.Create(id, spec, now);
        Changed(record, previous: null);
        return record;
    }

    /// <summary>The highest effective priority among the ready tasks of these types; 0 when none is ready.</summary>
    public int PeekPriority(IReadOnlyList<string> taskTypes, DateTimeOffset now) =>
        BestQueue(taskTypes, now) is { } queue ? queue.EffectivePriority(queue.Peek(now)!, now) : 0;

    /// <summary>Leases up to <paramref name="max"/> ready tasks of these types, most urgent first.</summary>
    public List<LeaseGrant> Lease(IReadOnlyList<string> taskTypes, string workerId, TimeSpan leaseDuration, int max, DateTimeOffset now)
    {
        var grants = new List<LeaseGrant>();
        while (grants.Count < max && BestQueue(taskTypes, now)?.Take(now) is { } entry)
        {
            var record = _live[entry.TaskId];
            grants.Add(record.Lease(workerId, leaseDuration, now, _tokenFloor)!);
            Changed(record, TaskState.Ready, durable: false);
        }
        return grants;
    }

    /// <summary>A heartbeat, completion or failure by a worker; only the current holder changes the task.</summary>
    public LeaseReply Report(TaskRecord record, ReportKind kind, LeaseReport report, double jitterSample, DateTimeOffset now)
    {
        var previous = record.State;
        var check = kind switch
        {
            ReportKind.Heartbeat => record.Heartbeat(report.FencingToken, TimeSpan.FromSeconds(report.LeaseSeconds), now),
            ReportKind.Complete => record.Complete(report.FencingToken, report.ResultJson, now),
            _ => record.Fail(report.FencingToken, report.Error ?? "failed", jitterSample, now),
        };
        if (check == LeaseCheck.Current)
        {
            Changed(record, previous, durable: kind != ReportKind.Heartbeat);
        }
        return new LeaseReply(check, record.LeaseExpiresAt, record.CancelRequested, record.State);
    }

    /// <summary>Applies any other transition of a task (cancel, retry, dependencies resolved, retry released).</summary>
    public bool Apply(TaskRecord record, Func<TaskRecord, bool> transition)
    {
        var previous = record.State;
        if (!transition(record))
        {
            return false;
        }
        Changed(record, previous);
        return true;
    }

    /// <summary>Releases delayed tasks that are due and takes back leases that expired (or whose attempt timed out).</summary>
    public int Sweep(DateTimeOffset now, TimeSpan earlyTolerance, Func<double> jitter)
    {
        var swept = 0;
        foreach (var record in _live.Values.Where(record => Due(record) is { } due && due <= now + earlyTolerance).ToList())
        {
            var previous = record.State;
            if (previous == TaskState.Scheduled)
            {
                if (record.ReleaseScheduled(now, earlyTolerance))
                {
                    Changed(record, previous);
                    swept++;
                }
                continue;
            }
            var expiry = now >= Due(record) ? record.ExpireLease(jitter(), now) : LeaseExpiry.StillLeased;
            if (expiry != LeaseExpiry.StillLeased)
            {
                // A lease that merely ended leaves the stored task as it was (ready, or holding a lease a restart voids).
                Changed(record, previous, durable: expiry != LeaseExpiry.Requeued);
                swept++;
            }
        }
        return swept;
    }

    /// <summary>When the next delay ends or lease expires; null when nothing waits on time.</summary>
    /// <remarks>Every committing turn asks, over every live task: a plain loop (LINQ's nullable Min was ~3% of the service's CPU).</remarks>
    public DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        foreach (var record in _live.Values)
        {
            if (Due(record) is { } due && (next is null || due < next))
            {
                next = due;
            }
        }
        return next;
    }

    public QueueStats Stats(string taskType, DateTimeOffset now)
    {
        var queue = _ready.GetValueOrDefault(taskType);
        var oldest = queue?.OldestEnqueuedAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0;
        var running = _live.Values.Count(record => record.State == TaskState.Running && record.Spec.TaskType == taskType);
        var throughput = _throughput.GetValueOrDefault(taskType) ?? new Throughput();
        throughput.Trim(now);
        var completed = throughput.Recent.Count(end => end.Succeeded);
        return new QueueStats(taskType, queue?.CountByPriority() ?? new int[TaskSpec.MaxPriority + 1], running, oldest,
            completed, throughput.Recent.Count - completed, throughput.CompletedTotal, throughput.FailedTotal);
    }

    /// <summary>Everything changed since the last call: the records to write, the index segments to write (null = delete).</summary>
    public ShardChanges TakeChanges()
    {
        var segments = _changedSegments.ToDictionary(segment => segment, segment => _segments.TryGetValue(segment, out var ids) ? ids.ToList() : null);
        var changes = new ShardChanges(_changed.Values.ToList(), segments, _segmentListChanged ? _segments.Keys.ToList() : null, _transitions.ToList());
        _changed.Clear();
        _changedSegments.Clear();
        _transitions.Clear();
        _segmentListChanged = false;
        return changes;
    }

    /// <param name="durable">False for changes of the lease alone (taken, extended, expired): they are not written.</param>
    private void Changed(TaskRecord record, TaskState? previous, bool durable = true)
    {
        var state = record.State;
        var queue = QueueOf(record.Spec.TaskType);
        if (state == TaskState.Ready && previous != TaskState.Ready)
        {
            queue.Add(record.Id, record.Spec.Priority, record.ReadySince ?? record.UpdatedAt);
        }
        if (previous == TaskState.Ready && state != TaskState.Ready)
        {
            queue.Remove(record.Id);
        }
        if (previous == TaskState.Running && state is not (TaskState.Running or TaskState.Ready))
        {
            AttemptEnded(record.Spec.TaskType, state == TaskState.Succeeded, record.UpdatedAt);
        }
        if (state.IsFinal())
        {
            _live.Remove(record.Id);
            Unindex(record.Id);
        }
        else
        {
            _live[record.Id] = record;
            Index(record.Id);
        }
        if (durable)
        {
            _changed[record.Id] = record;
        }
        if (previous != state)
        {
            _transitions.Add(new TaskTransition(record, previous));
        }
    }

    private void Index(string id)
    {
        if (_segmentOf.ContainsKey(id))
        {
            return;
        }
        var segment = _nextSeq++ / SegmentSize;
        if (!_segments.TryGetValue(segment, out var ids))
        {
            _segments[segment] = ids = new HashSet<string>(StringComparer.Ordinal);
            _segmentListChanged = true;
        }
        ids.Add(id);
        _segmentOf[id] = segment;
        _changedSegments.Add(segment);
    }

    private void Unindex(string id)
    {
        if (!_segmentOf.Remove(id, out var segment))
        {
            return;
        }
        var ids = _segments[segment];
        ids.Remove(id);
        if (ids.Count == 0)
        {
            _segments.Remove(segment);
            _segmentListChanged = true;
        }
        _changedSegments.Add(segment);
    }

    private void AttemptEnded(string taskType, bool succeeded, DateTimeOffset at)
    {
        if (!_throughput.TryGetValue(taskType, out var throughput))
        {
            _throughput[taskType] = throughput = new Throughput();
        }
        throughput.Add(succeeded, at);
    }

    private ReadyQueue QueueOf(string taskType)
    {
        if (!_ready.TryGetValue(taskType, out var queue))
        {
            _ready[taskType] = queue = new ReadyQueue(ageingStep);
        }
        return queue;
    }

    private ReadyQueue? BestQueue(IReadOnlyList<string> taskTypes, DateTimeOffset now)
    {
        ReadyQueue? best = null;
        var bestPriority = 0;
        foreach (var taskType in taskTypes)
        {
            if (_ready.TryGetValue(taskType, out var queue) && queue.Peek(now) is { } head && queue.EffectivePriority(head, now) > bestPriority)
            {
                best = queue;
                bestPriority = queue.EffectivePriority(head, now);
            }
        }
        return best;
    }

    /// <summary>When time alone changes this task: its delay ends, or its lease or attempt deadline passes.</summary>
    private static DateTimeOffset? Due(TaskRecord record) => record.State switch
    {
        TaskState.Scheduled => record.Spec.ScheduledAt,
        TaskState.Running when record.LeaseExpiresAt is { } lease && record.DeadlineAt is { } deadline => lease < deadline ? lease : deadline,
        _ => null,
    };

    /// <summary>Attempts ended per task type since this shard was loaded (kept in memory: not worth a write per task).</summary>
    private sealed class Throughput
    {
        public Queue<(DateTimeOffset At, bool Succeeded)> Recent { get; } = new();
        public long CompletedTotal { get; private set; }
        public long FailedTotal { get; private set; }

        public void Add(bool succeeded, DateTimeOffset at)
        {
            if (succeeded)
            {
                CompletedTotal++;
            }
            else
            {
                FailedTotal++;
            }
            Recent.Enqueue((at, succeeded));
            Trim(at);
        }

        public void Trim(DateTimeOffset now)
        {
            while (Recent.TryPeek(out var end) && now - end.At > ThroughputWindow)
            {
                Recent.Dequeue();
            }
        }
    }
}

public enum ReportKind
{
    Heartbeat,
    Complete,
    Fail,
}

/// <summary>A task whose state changed in this turn (previous null: it was created).</summary>
public sealed record TaskTransition(TaskRecord Record, TaskState? Previous);

/// <param name="Segments">Index segments to write; a null list means the segment is now empty (delete it).</param>
/// <param name="SegmentList">The segment numbers, when segments were added or removed.</param>
public sealed record ShardChanges(
    IReadOnlyList<TaskRecord> Records,
    IReadOnlyDictionary<long, List<string>?> Segments,
    IReadOnlyList<long>? SegmentList,
    IReadOnlyList<TaskTransition> Transitions)
{
    public bool IsEmpty => Records.Count == 0;
}
