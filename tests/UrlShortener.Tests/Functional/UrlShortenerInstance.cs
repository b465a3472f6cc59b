using System.Net.Http.Json;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>
/// The real service on a free loopback port (WebApplicationFactory with Kestrel) behind a real in-process
/// sidecar, wired exactly as in production: the sidecar gets --app-port, the service DAPR_HTTP_PORT /
/// DAPR_GRPC_PORT through configuration.
/// </summary>
public sealed class UrlShortenerInstance : IAsyncDisposable
{
    public const string AppId = "url-shortener";
    public const string AdminKey = "test-admin-key";
    public const string PublicBaseUrl = "https://sho.rt";

    // UrlShortenerOptions only names the service's assembly: both the service and the sidecar have a top-level Program.
    private readonly WebApplicationFactory<UrlShortenerOptions> _factory;
    private readonly System.Collections.Concurrent.ConcurrentBag<HttpClient> _clients = [];

    private UrlShortenerInstance(WebApplicationFactory<UrlShortenerOptions> factory, SidecarUnderTest sidecar, int port)
    {
        _factory = factory;
        Sidecar = sidecar;
        Port = port;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        };
    }

    public SidecarUnderTest Sidecar { get; }
    public int Port { get; }

    /// <summary>Talks to the service directly; redirects are not followed so tests see the 302.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<UrlShortenerInstance> StartAsync(ResourcesFolder resources, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePort.Next();
        var sidecar = await SidecarUnderTest.StartAsync(AppId, resources, appPort: port, waitUntilReady: false);
        var factory = new WebApplicationFactory<UrlShortenerOptions>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("DAPR_HTTP_PORT", sidecar.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("DAPR_GRPC_PORT", sidecar.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("UrlShortener:AdminKey", AdminKey);
            web.UseSetting("UrlShortener:PublicBaseUrl", PublicBaseUrl);
            web.UseSetting("UrlShortener:VisitorIdSecret", "test-visitor-secret");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel(kestrel => kestrel.ListenLocalhost(port));
        factory.StartServer();
        var instance = new UrlShortenerInstance(factory, sidecar, port);
        await sidecar.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        return instance;
    }

    /// <summary>A fresh API key from the admin endpoint.</summary>
    public async Task<string> CreateApiKeyAsync(long monthlyQuota = 1_000_000)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/admin/api-keys")
        {
            Content = JsonContent.Create(new { name = "test owner", monthly_quota = monthlyQuota }),
        };
        request.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return created.GetProperty("key").GetString()!;
    }

    /// <summary>A new owner's client on this instance.</summary>
    public async Task<HttpClient> NewOwnerAsync(long monthlyQuota = 1_000_000) => ClientFor(await CreateApiKeyAsync(monthlyQuota));

    /// <summary>A client of this instance presenting <paramref name="apiKey"/> (disposed with the instance).</summary>
    public HttpClient ClientFor(string apiKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = Client.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await _factory.DisposeAsync();
        await Sidecar.DisposeAsync();
    }
}
