using System.Collections.Concurrent;

namespace AmazonScale.TestActorHost;

/// <summary>
/// What the test actors observed, per app instance: activations, deactivations, reminder and timer fires,
/// and how many calls ran inside one actor at the same time (must never exceed 1).
/// </summary>
public sealed class ActorEventLog
{
    private readonly ConcurrentDictionary<string, int> _inside = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ActorEvent> _events = new();
    private int _maxConcurrency;

    public sealed record ActorEvent(string Kind, string ActorType, string ActorId, string Detail, DateTimeOffset At);

    public int MaxConcurrency => Volatile.Read(ref _maxConcurrency);

    public IReadOnlyList<ActorEvent> Events => [.. _events];

    public void Record(string kind, string actorType, string actorId, string detail = "") =>
        _events.Enqueue(new ActorEvent(kind, actorType, actorId, detail, DateTimeOffset.UtcNow));

    public IReadOnlyList<ActorEvent> Of(string kind, string actorId) =>
        [.. _events.Where(e => e.Kind == kind && e.ActorId == actorId)];

    /// <summary>Marks a call as running inside the actor; dispose when it leaves.</summary>
    public IDisposable Enter(string actorType, string actorId)
    {
        var key = actorType + "/" + actorId;
        var now = _inside.AddOrUpdate(key, 1, (_, count) => count + 1);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxConcurrency)) && Interlocked.CompareExchange(ref _maxConcurrency, now, seen) != seen)
        {
        }
        return new Exit(() => _inside.AddOrUpdate(key, 0, (_, count) => count - 1));
    }

    private sealed class Exit(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}
