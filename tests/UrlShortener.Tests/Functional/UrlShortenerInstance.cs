using System.Net.Http.Json;
using AmazonScale.TestSupport.Services;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>The URL shortener as deployed (its own Program behind a real sidecar), plus owner and admin helpers.</summary>
public sealed class UrlShortenerInstance : IAsyncDisposable
{
    public const string AppId = "url-shortener";
    public const string AdminKey = "test-admin-key";
    public const string PublicBaseUrl = "https://sho.rt";

    private readonly ServiceUnderTest<UrlShortenerOptions> _service;

    private UrlShortenerInstance(ServiceUnderTest<UrlShortenerOptions> service) => _service = service;

    public SidecarUnderTest Sidecar => _service.Sidecar;
    public int Port => _service.Port;

    /// <summary>Talks to the service directly; redirects are not followed so tests see the 302.</summary>
    public HttpClient Client => _service.Client;

    public IServiceProvider Services => _service.Services;

    public static async Task<UrlShortenerInstance> StartAsync(ResourcesFolder resources, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["UrlShortener:AdminKey"] = AdminKey,
            ["UrlShortener:PublicBaseUrl"] = PublicBaseUrl,
            ["UrlShortener:VisitorIdSecret"] = "test-visitor-secret",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return new UrlShortenerInstance(await ServiceUnderTest<UrlShortenerOptions>.StartAsync(AppId, resources, all));
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
    public HttpClient ClientFor(string apiKey) => _service.CreateClient(("X-Api-Key", apiKey));

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
