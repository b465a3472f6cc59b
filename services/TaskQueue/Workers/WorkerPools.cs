using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>
/// Pool definitions and the workers every instance has seen, as this instance last read them from the registry
/// (refreshed with each directory flush), merged with this instance's own sightings: enough to report pool health and
/// to refuse workers beyond a pool's maximum on the lease path without a registry call per lease. Instances enforce
/// the maximum from their own view, so it may be exceeded briefly (within one flush period) when new workers join
/// through several instances at once.
/// </summary>
public sealed class WorkerPools(WorkerDirectory directory, TaskQueueOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private IReadOnlyDictionary<string, WorkerPool> _pools = new Dictionary<string, WorkerPool>(StringComparer.Ordinal);
    private IReadOnlyList<WorkerSighting> _shared = [];
    private long _localChanges;

    /// <summary>Counts pools set through this instance; pass it to <see cref="Refresh"/> as it was before reading the registry.</summary>
    public long LocalChanges
    {
        get
        {
            lock (_lock)
            {
                return _localChanges;
            }
        }
    }

    /// <summary>The registry's view; its pools are ignored if one was set here since <paramref name="localChangesBeforeRead"/> (the read may predate it).</summary>
    public void Refresh(long localChangesBeforeRead, IReadOnlyList<WorkerPool> pools, IReadOnlyList<WorkerSighting> shared)
    {
        lock (_lock)
        {
            _shared = shared;
            if (_localChanges == localChangesBeforeRead)
            {
                _pools = pools.ToDictionary(pool => pool.TaskType, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>A pool defined or removed through this instance applies here at once.</summary>
    public void Set(string taskType, WorkerPool? pool)
    {
        lock (_lock)
        {
            var pools = new Dictionary<string, WorkerPool>(_pools, StringComparer.Ordinal);
            if (pool is null)
            {
                pools.Remove(taskType);
            }
            else
            {
                pools[taskType] = pool;
            }
            _pools = pools;
            _localChanges++;
        }
    }

    /// <summary>Each worker's latest sighting by any instance.</summary>
    public IEnumerable<WorkerSighting> Latest() =>
        _shared.Concat(directory.Local).GroupBy(worker => worker.WorkerId).Select(group => group.MaxBy(worker => worker.LastSeen)!);

    /// <summary>Seen within a lease length: a worker that stopped calling has lost its leases by now.</summary>
    public bool IsAlive(WorkerSighting worker) => worker.LastSeen >= time.GetUtcNow() - TimeSpan.FromSeconds(options.DefaultLeaseSeconds);

    /// <summary>The first pool among these types that is full and does not count this worker yet; null when all admit it.</summary>
    public WorkerPool? Refusing(string workerId, IEnumerable<string> taskTypes)
    {
        var pools = _pools;
        return pools.Count == 0 ? null : taskTypes.Select(pools.GetValueOrDefault).FirstOrDefault(pool => pool is not null && !pool.Admits(workerId, AliveFor(pool.TaskType)));
    }

    public IReadOnlyList<PoolHealth> Health() => _pools.Values.OrderBy(pool => pool.TaskType, StringComparer.Ordinal).Select(pool => pool.Health(AliveFor(pool.TaskType))).ToList();

    public PoolHealth? HealthOf(string taskType) => _pools.GetValueOrDefault(taskType)?.Health(AliveFor(taskType));

    private HashSet<string> AliveFor(string taskType) =>
        Latest().Where(worker => IsAlive(worker) && worker.TaskTypes.Contains(taskType)).Select(worker => worker.WorkerId).ToHashSet(StringComparer.Ordinal);
}
