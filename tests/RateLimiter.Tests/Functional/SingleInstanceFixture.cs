using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.RateLimiter.Tests.Functional;

/// <summary>One instance shared by the single-instance functional tests (each test uses its own policy ids).</summary>
public sealed class SingleInstanceFixture : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = Components.Write(new ResourcesFolder());

    /// <summary>The components and registry folder, for other apps that must share the instance's pub/sub.</summary>
    public ResourcesFolder Resources => _resources;

    public RateLimiterInstance Instance { get; private set; } = null!;

    public async Task InitializeAsync() => Instance = await RateLimiterInstance.StartAsync(_resources);

    public async Task DisposeAsync()
    {
        await Instance.DisposeAsync();
        _resources.Dispose();
    }
}
