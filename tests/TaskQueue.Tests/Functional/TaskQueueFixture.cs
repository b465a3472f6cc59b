using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>One task queue instance shared by a test class; tests keep apart by using their own task types.</summary>
public sealed class TaskQueueFixture : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = TaskQueueInstance.NewResources();

    public TaskQueueInstance Service { get; private set; } = null!;

    public HttpClient Client => Service.Client;

    public async Task InitializeAsync() => Service = await TaskQueueInstance.StartAsync(_resources);

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        _resources.Dispose();
    }
}
