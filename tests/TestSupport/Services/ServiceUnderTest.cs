using System.Collections.Concurrent;
using System.Globalization;
using AmazonScale.TestSupport.Sidecar;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AmazonScale.TestSupport.Services;

/// <summary>
/// A service's own Program on a free loopback port (WebApplicationFactory with real Kestrel) behind a real in-process
/// sidecar, wired as in production: the sidecar gets --app-port, the service DAPR_HTTP_PORT / DAPR_GRPC_PORT.
/// <typeparamref name="TEntryPoint"/> is any type of the service's assembly (both the service and the sidecar have a
/// top-level Program, so Program itself is ambiguous).
/// </summary>
public sealed class ServiceUnderTest<TEntryPoint> : IAsyncDisposable where TEntryPoint : class
{
    private readonly WebApplicationFactory<TEntryPoint> _factory;
    private readonly ConcurrentBag<HttpClient> _clients = [];
    private bool _disposed;

    private ServiceUnderTest(WebApplicationFactory<TEntryPoint> factory, SidecarUnderTest sidecar, int port)
    {
        _factory = factory;
        Sidecar = sidecar;
        Port = port;
        Client = CreateClient();
    }

    public SidecarUnderTest Sidecar { get; }

    public int Port { get; }

    /// <summary>Talks to the service directly; redirects are not followed so tests see them.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <param name="settings">Configuration keys for the service (its options, log levels, extra Kestrel endpoints).</param>
    /// <param name="port">The service's HTTP port; a free one when omitted.</param>
    public static async Task<ServiceUnderTest<TEntryPoint>> StartAsync(
        string appId,
        ResourcesFolder resources,
        IReadOnlyDictionary<string, string?>? settings = null,
        int? port = null,
        string environment = "Development")
    {
        var appPort = port ?? FreePort.Next();
        var sidecar = await SidecarUnderTest.StartAsync(appId, resources, appPort: appPort, waitUntilReady: false);
        var factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting("DAPR_HTTP_PORT", sidecar.HttpPort.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("DAPR_GRPC_PORT", sidecar.GrpcPort.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Logging:LogLevel:Default", Environment.GetEnvironmentVariable("SERVICE_TEST_LOG") ?? "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel(kestrel => kestrel.ListenLocalhost(appPort));
        try
        {
            factory.StartServer();
            await sidecar.WaitUntilReadyAsync(SidecarUnderTest.StartTimeout);
        }
        catch
        {
            await factory.DisposeAsync();
            await sidecar.DisposeAsync();
            throw;
        }
        return new ServiceUnderTest<TEntryPoint>(factory, sidecar, appPort);
    }

    /// <summary>A client of this service with extra default headers (an API key, an admin key), disposed with it.</summary>
    public HttpClient CreateClient(params (string Name, string Value)[] headers)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}/"),
        };
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.Add(name, value);
        }
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await _factory.DisposeAsync();
        await Sidecar.DisposeAsync();
    }
}
