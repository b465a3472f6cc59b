using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AmazonScale.RateLimiter.Tests.Functional;

/// <summary>
/// One rate-limiter instance exactly as deployed: the service's own Program on real Kestrel ports (HTTP/1.1
/// API + h2c gRPC; the factory finds Program through any type of the service assembly) next to its own in-process sidecar, both on free loopback ports.
/// </summary>
public sealed class RateLimiterInstance : IAsyncDisposable
{
    public const string AppId = "rate-limiter";
    public const string AdminKey = "test-admin-key";

    private readonly WebApplicationFactory<RateLimiterOptions> _factory;
    private bool _disposed;

    private RateLimiterInstance(WebApplicationFactory<RateLimiterOptions> factory, SidecarUnderTest sidecar, int httpPort, int grpcPort)
    {
        _factory = factory;
        Sidecar = sidecar;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        Admin = new HttpClient { BaseAddress = Http.BaseAddress };
        Admin.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
    }

    public SidecarUnderTest Sidecar { get; }
    public int HttpPort { get; }
    public int GrpcPort { get; }

    /// <summary>Anonymous client (checks).</summary>
    public HttpClient Http { get; }

    /// <summary>Client carrying the admin key (policy administration).</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<RateLimiterInstance> StartAsync(ResourcesFolder resources, IDictionary<string, string?>? settings = null)
    {
        var httpPort = FreePort.Next();
        var grpcPort = FreePort.Next();
        var sidecar = await SidecarUnderTest.StartAsync(AppId, resources, appPort: httpPort, waitUntilReady: false);
        var factory = new WebApplicationFactory<RateLimiterOptions>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("RateLimiter:Kestrel:Endpoints:Http:Url", $"http://127.0.0.1:{httpPort}");
            host.UseSetting("RateLimiter:Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{grpcPort}");
            host.UseSetting("DAPR_HTTP_PORT", sidecar.HttpPort.ToString());
            host.UseSetting("DAPR_GRPC_PORT", sidecar.GrpcPort.ToString());
            host.UseSetting("RateLimiter:AdminKey", AdminKey);
            host.UseSetting("Logging:LogLevel:Default", Environment.GetEnvironmentVariable("RATELIMITER_TEST_LOG") ?? "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                host.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        await sidecar.WaitUntilReadyAsync(SidecarUnderTest.StartTimeout);
        var instance = new RateLimiterInstance(factory, sidecar, httpPort, grpcPort);
        await instance.WaitUntilPoliciesLoadedAsync();
        return instance;
    }

    private async Task WaitUntilPoliciesLoadedAsync() =>
        await Services.GetRequiredService<Policies.PolicySynchronizer>().Loaded.WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Http.Dispose();
        Admin.Dispose();
        await _factory.DisposeAsync();
        await Sidecar.DisposeAsync();
    }
}
