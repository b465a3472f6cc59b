using AmazonScale.TestSupport.Services;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>The task queue as deployed (its own Program behind a real sidecar) on a SQLite actor state store.</summary>
public sealed class TaskQueueInstance : IAsyncDisposable
{
    public const string AppId = "task-queue";
    public const string AdminKey = "test-admin-key";

    /// <summary>The configured worker key (TaskQueue:WorkerKey), good for every task type.</summary>
    public const string WorkerKey = "test-worker-key";

    private readonly ServiceUnderTest<TaskQueueOptions> _service;

    private TaskQueueInstance(ServiceUnderTest<TaskQueueOptions> service)
    {
        _service = service;
        Client = service.CreateClient((Workers.WorkerKeys.HeaderName, WorkerKey));
    }

    /// <summary>A client and worker at once: it presents the configured worker key.</summary>
    public HttpClient Client { get; }

    /// <summary>A client without any key.</summary>
    public HttpClient AnonymousClient => _service.Client;

    public int Port => _service.Port;

    public HttpClient AdminClient() => _service.CreateClient(("X-Admin-Key", AdminKey));

    /// <summary>A folder with the SQLite state store (actor state, reminders) that several instances and workers can share.</summary>
    public static ResourcesFolder NewResources()
    {
        var resources = new ResourcesFolder();
        return resources.Write("statestore.yaml", ComponentYaml.SqliteState(DaprComponents.StateStore, Path.Combine(resources.Root, "state.db")));
    }

    public static async Task<TaskQueueInstance> StartAsync(ResourcesFolder resources, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["TaskQueue:AdminKey"] = AdminKey,
            ["TaskQueue:WorkerKey"] = WorkerKey,
            ["APP_ID"] = AppId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return new TaskQueueInstance(await ServiceUnderTest<TaskQueueOptions>.StartAsync(AppId, resources, all));
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
