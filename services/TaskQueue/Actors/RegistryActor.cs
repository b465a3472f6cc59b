using AmazonScale.TaskQueue.Domain;
using Dapr.Actors.Runtime;

namespace AmazonScale.TaskQueue.Actors;

public sealed class RegistryActor(ActorHost host, TimeProvider time) : Actor(host), IRegistryActor
{
    public const string SingletonId = "registry";
    private const string TypesKey = "types";
    private const string WorkersKey = "workers";
    private const string PushKey = "push";
    private const string PoolsKey = "pools";
    private const string WorkerKeysKey = "worker-keys";

    /// <summary>Workers unseen for this long leave the directory.</summary>
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(10);

    public async Task AddTaskType(string taskType)
    {
        var types = await GetAsync<SortedSet<string>>(TypesKey);
        if (types.Add(taskType))
        {
            await StateManager.SetStateAsync(TypesKey, types);
        }
    }

    public async Task<IReadOnlyList<string>> TaskTypes() => (await GetAsync<SortedSet<string>>(TypesKey)).ToList();

    public async Task MergeWorkers(List<WorkerSighting> sightings)
    {
        var workers = await GetAsync<Dictionary<string, WorkerSighting>>(WorkersKey);
        foreach (var sighting in sightings)
        {
            if (!workers.TryGetValue(sighting.WorkerId, out var known) || known.LastSeen <= sighting.LastSeen)
            {
                workers[sighting.WorkerId] = sighting;
            }
        }
        var cutoff = time.GetUtcNow() - Forget;
        foreach (var stale in workers.Values.Where(worker => worker.LastSeen < cutoff).ToList())
        {
            workers.Remove(stale.WorkerId);
        }
        await StateManager.SetStateAsync(WorkersKey, workers);
    }

    public async Task<IReadOnlyList<WorkerSighting>> Workers() =>
        (await GetAsync<Dictionary<string, WorkerSighting>>(WorkersKey)).Values.OrderBy(worker => worker.WorkerId, StringComparer.Ordinal).ToList();

    public Task RegisterPush(PushRegistration registration) => PutAsync(PushKey, registration.AppId, registration);

    public Task<bool> UnregisterPush(string appId) => RemoveAsync<PushRegistration>(PushKey, appId);

    public async Task<IReadOnlyList<PushRegistration>> PushRegistrations() =>
        (await GetAsync<Dictionary<string, PushRegistration>>(PushKey)).Values.ToList();

    public Task SetPool(WorkerPool pool) => PutAsync(PoolsKey, pool.TaskType, pool);

    public Task<bool> RemovePool(string taskType) => RemoveAsync<WorkerPool>(PoolsKey, taskType);

    public async Task<IReadOnlyList<WorkerPool>> Pools() =>
        (await GetAsync<Dictionary<string, WorkerPool>>(PoolsKey)).Values.OrderBy(pool => pool.TaskType, StringComparer.Ordinal).ToList();

    public Task AddWorkerKey(WorkerKey key) => PutAsync(WorkerKeysKey, key.KeyId, key);

    public Task<bool> RemoveWorkerKey(string keyId) => RemoveAsync<WorkerKey>(WorkerKeysKey, keyId);

    public async Task<IReadOnlyList<WorkerKey>> WorkerKeys() =>
        (await GetAsync<Dictionary<string, WorkerKey>>(WorkerKeysKey)).Values.OrderBy(key => key.CreatedAt).ToList();

    private async Task PutAsync<T>(string key, string id, T value)
    {
        var entries = await GetAsync<Dictionary<string, T>>(key);
        entries[id] = value;
        await StateManager.SetStateAsync(key, entries);
    }

    private async Task<bool> RemoveAsync<T>(string key, string id)
    {
        var entries = await GetAsync<Dictionary<string, T>>(key);
        if (!entries.Remove(id))
        {
            return false;
        }
        await StateManager.SetStateAsync(key, entries);
        return true;
    }

    private async Task<T> GetAsync<T>(string key) where T : new() =>
        await StateManager.TryGetStateAsync<T>(key) is { HasValue: true } stored ? stored.Value : new T();
}
