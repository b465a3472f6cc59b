using Dapr.Actors.Runtime;

namespace AmazonScale.TaskQueue.Actors;

public sealed class RegistryActor(ActorHost host, TimeProvider time) : Actor(host), IRegistryActor
{
    public const string SingletonId = "registry";
    private const string TypesKey = "types";
    private const string WorkersKey = "workers";
    private const string PushKey = "push";

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

    public async Task RegisterPush(PushRegistration registration)
    {
        var registrations = await GetAsync<Dictionary<string, PushRegistration>>(PushKey);
        registrations[registration.AppId] = registration;
        await StateManager.SetStateAsync(PushKey, registrations);
    }

    public async Task<bool> UnregisterPush(string appId)
    {
        var registrations = await GetAsync<Dictionary<string, PushRegistration>>(PushKey);
        if (!registrations.Remove(appId))
        {
            return false;
        }
        await StateManager.SetStateAsync(PushKey, registrations);
        return true;
    }

    public async Task<IReadOnlyList<PushRegistration>> PushRegistrations() =>
        (await GetAsync<Dictionary<string, PushRegistration>>(PushKey)).Values.ToList();

    private async Task<T> GetAsync<T>(string key) where T : new() =>
        await StateManager.TryGetStateAsync<T>(key) is { HasValue: true } stored ? stored.Value : new T();
}
