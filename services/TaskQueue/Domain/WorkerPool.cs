namespace AmazonScale.TaskQueue.Domain;

/// <summary>
/// How many workers a task type wants: below <see cref="MinWorkers"/> the pool is degraded (reported, nothing is
/// refused); at <see cref="MaxWorkers"/> it is full and a worker it does not count yet is refused (429).
/// </summary>
public sealed record WorkerPool(string TaskType, int MinWorkers, int MaxWorkers)
{
    public const int Limit = 10_000;

    /// <summary>A worker already counted keeps working; a new one joins only below the maximum.</summary>
    public bool Admits(string workerId, IReadOnlyCollection<string> aliveWorkers) =>
        aliveWorkers.Contains(workerId) || aliveWorkers.Count < MaxWorkers;

    public PoolHealth Health(IReadOnlyCollection<string> aliveWorkers)
    {
        var workers = aliveWorkers.Count;
        var (status, detail) = workers < MinWorkers
            ? (PoolStatus.Degraded, $"{workers} of at least {MinWorkers} workers alive: add {MinWorkers - workers}.")
            : workers >= MaxWorkers
                ? (PoolStatus.Full, $"{workers} workers alive, the maximum: new workers are refused (429).")
                : (PoolStatus.Healthy, $"{workers} workers alive ({MinWorkers}-{MaxWorkers}).");
        return new PoolHealth(TaskType, MinWorkers, MaxWorkers, workers, status, detail);
    }
}

public enum PoolStatus
{
    Healthy,
    /// <summary>Fewer alive workers than the minimum.</summary>
    Degraded,
    /// <summary>At the maximum: further workers are refused.</summary>
    Full,
}

public sealed record PoolHealth(string TaskType, int MinWorkers, int MaxWorkers, int Workers, PoolStatus Status, string Detail);
