using AmazonScale.TaskQueue.Domain;
using Dapr.Actors;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// Shared directories (one actor, id <see cref="RegistryActor.SingletonId"/>): task types ever submitted, workers seen
/// by any instance, push worker registrations, worker pools and worker keys (hashed). Written rarely (a type's first task, a flush every few seconds, a
/// registration), so one single-writer actor replaces ETag loops on shared state keys.
/// </summary>
public interface IRegistryActor : IActor
{
    Task AddTaskType(string taskType);

    Task<IReadOnlyList<string>> TaskTypes();

    Task MergeWorkers(List<WorkerSighting> sightings);

    Task<IReadOnlyList<WorkerSighting>> Workers();

    Task RegisterPush(PushRegistration registration);

    Task<bool> UnregisterPush(string appId);

    Task<IReadOnlyList<PushRegistration>> PushRegistrations();

    Task SetPool(WorkerPool pool);

    Task<bool> RemovePool(string taskType);

    Task<IReadOnlyList<WorkerPool>> Pools();

    Task AddWorkerKey(WorkerKey key);

    Task<bool> RemoveWorkerKey(string keyId);

    Task<IReadOnlyList<WorkerKey>> WorkerKeys();
}

/// <summary>What the service last saw of a worker: a pull worker calling lease/heartbeat, or a push app receiving tasks.</summary>
public sealed record WorkerSighting(string WorkerId, string Kind, IReadOnlyList<string> TaskTypes, DateTimeOffset LastSeen, long Leases);

/// <summary>A worker app (with its Dapr sidecar) that receives tasks of these types by service invocation of <c>Method</c>.</summary>
public sealed record PushRegistration(string AppId, IReadOnlyList<string> TaskTypes, string Method, int MaxConcurrency, DateTimeOffset RegisteredAt)
{
    /// <summary>Value equality including the types (record equality compares the list by reference, and every read deserializes a new one).</summary>
    public bool SameAs(PushRegistration other) =>
        this with { TaskTypes = other.TaskTypes } == other && TaskTypes.SequenceEqual(other.TaskTypes, StringComparer.Ordinal);
}
