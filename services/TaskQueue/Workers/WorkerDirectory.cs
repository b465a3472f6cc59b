using System.Collections.Concurrent;
using AmazonScale.TaskQueue.Actors;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>
/// Workers this instance has seen (lease, heartbeat, push delivery), kept in memory on the hot path and merged into the
/// shared registry every few seconds by <see cref="WorkerDirectoryFlusher"/>.
/// </summary>
public sealed class WorkerDirectory(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, WorkerSighting> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _dirty = new(StringComparer.Ordinal);

    public void Seen(string workerId, string kind, IReadOnlyList<string> taskTypes, int leases)
    {
        var now = time.GetUtcNow();
        _seen.AddOrUpdate(workerId,
            _ => new WorkerSighting(workerId, kind, taskTypes, now, leases),
            (_, known) => known with { TaskTypes = taskTypes.Count > 0 ? taskTypes : known.TaskTypes, LastSeen = now, Leases = known.Leases + leases });
        _dirty[workerId] = true;
    }

    /// <summary>The sightings changed since the last call.</summary>
    public List<WorkerSighting> TakeChanges()
    {
        var changed = new List<WorkerSighting>();
        foreach (var workerId in _dirty.Keys)
        {
            if (_dirty.TryRemove(workerId, out _) && _seen.TryGetValue(workerId, out var sighting))
            {
                changed.Add(sighting);
            }
        }
        return changed;
    }

    public IEnumerable<WorkerSighting> Local => _seen.Values;
}
