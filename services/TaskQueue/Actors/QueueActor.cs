using AmazonScale.TaskQueue.Domain;
using Dapr.Actors.Runtime;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// The durable ready queue of one task type. Entries are stored in segments of <see cref="SegmentSize"/> by arrival
/// (state keys seg-{n}) so a change rewrites one small segment, never the whole queue; "meta" lists the live segments
/// and the counters. Claims live in memory only: if this actor moves or restarts, claimed entries simply become
/// visible again and the task actor refuses a second lease of a task that is already running. The running and
/// throughput counters are in memory too (they count since this activation): keeping them out of the store saves
/// two writes per task on the type's hottest actor.
/// </summary>
public sealed class QueueActor(ActorHost host, TaskQueueOptions options, TimeProvider time) : Actor(host), IQueueActor
{
    private const int SegmentSize = 256;
    private const string MetaKey = "meta";
    private static readonly TimeSpan ThroughputWindow = TimeSpan.FromMinutes(1);

    private readonly ReadyQueue _queue = new(options.AgeingStep);
    private readonly Dictionary<long, Dictionary<string, QueueEntry>> _segments = [];
    private readonly Queue<(DateTimeOffset At, bool Succeeded)> _recentEnds = new();
    private QueueMeta _meta = new();

    public sealed class QueueMeta
    {
        public List<long> Segments { get; set; } = [];
    }

    private long _running;
    private long _completedTotal;
    private long _failedTotal;

    private DateTimeOffset Now => time.GetUtcNow();

    protected override async Task OnActivateAsync()
    {
        if (await StateManager.TryGetStateAsync<QueueMeta>(MetaKey) is { HasValue: true } meta)
        {
            _meta = meta.Value;
        }
        foreach (var segment in _meta.Segments)
        {
            var entries = await StateManager.GetStateAsync<List<QueueEntry>>(SegmentKey(segment));
            _segments[segment] = entries.ToDictionary(entry => entry.TaskId, StringComparer.Ordinal);
            entries.ForEach(_queue.Restore);
        }
    }

    public async Task Enqueue(Enqueue command)
    {
        if (command.WasRunning)
        {
            _running = Math.Max(0, _running - 1);
        }
        if (_queue.Add(command.TaskId, command.Priority, Now) is not { } entry)
        {
            return;
        }
        var segment = entry.Seq / SegmentSize;
        if (!_segments.TryGetValue(segment, out var entries))
        {
            _segments[segment] = entries = new Dictionary<string, QueueEntry>(StringComparer.Ordinal);
            _meta.Segments.Add(segment);
            await StateManager.SetStateAsync(MetaKey, _meta);
        }
        entries[entry.TaskId] = entry;
        await StateManager.SetStateAsync(SegmentKey(segment), entries.Values.ToList());
    }

    public Task<int> PeekPriority() =>
        Task.FromResult(_queue.Peek(Now) is { } entry ? _queue.EffectivePriority(entry, Now) : 0);

    public Task<QueueEntry?> Claim() => Task.FromResult(_queue.Claim(Now, options.ClaimTimeout));

    public async Task Ack(Ack command)
    {
        if (command.Leased)
        {
            _running++;
        }
        await Remove(command.TaskId);
    }

    public async Task Remove(string taskId)
    {
        if (_queue.Remove(taskId) is not { } entry)
        {
            return;
        }
        var segment = entry.Seq / SegmentSize;
        var entries = _segments[segment];
        entries.Remove(taskId);
        if (entries.Count > 0)
        {
            await StateManager.SetStateAsync(SegmentKey(segment), entries.Values.ToList());
            return;
        }
        _segments.Remove(segment);
        _meta.Segments.Remove(segment);
        await StateManager.TryRemoveStateAsync(SegmentKey(segment));
        await StateManager.SetStateAsync(MetaKey, _meta);
    }

    public Task AttemptEnded(AttemptEnded report)
    {
        _running = Math.Max(0, _running - 1);
        if (report.Succeeded)
        {
            _completedTotal++;
        }
        else
        {
            _failedTotal++;
        }
        _recentEnds.Enqueue((Now, report.Succeeded));
        TrimRecent();
        return Task.CompletedTask;
    }

    public Task<QueueStats> Stats()
    {
        var now = Now;
        TrimRecent();
        var oldest = _queue.OldestEnqueuedAt is { } at ? (now - at).TotalSeconds : 0;
        var completed = _recentEnds.Count(end => end.Succeeded);
        return Task.FromResult(new QueueStats(Id.GetId(), _queue.CountByPriority(), _queue.ClaimedCount, _running, Math.Max(0, oldest),
            completed, _recentEnds.Count - completed, _completedTotal, _failedTotal));
    }

    private void TrimRecent()
    {
        while (_recentEnds.TryPeek(out var end) && Now - end.At > ThroughputWindow)
        {
            _recentEnds.Dequeue();
        }
    }

    private static string SegmentKey(long segment) => $"seg-{segment}";
}
