using AmazonScale.TestSupport.Services;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sessions.Tests.Functional;

/// <summary>The sessions service as deployed (its own Program behind a real sidecar), with an admin client.</summary>
public sealed class SessionsInstance : IAsyncDisposable
{
    public const string AppId = "sessions";
    public const string AdminKey = "test-admin-key";

    private readonly ServiceUnderTest<SessionsOptions> _service;

    private SessionsInstance(ServiceUnderTest<SessionsOptions> service)
    {
        _service = service;
        Admin = service.CreateClient(("X-Admin-Key", AdminKey));
    }

    /// <summary>No credentials: validate and refresh need none, the rest answer 401.</summary>
    public HttpClient Client => _service.Client;

    /// <summary>Presents the admin key.</summary>
    public HttpClient Admin { get; }

    public SidecarUnderTest Sidecar => _service.Sidecar;

    public IServiceProvider Services => _service.Services;

    /// <summary>A durable SQLite store (also the actor state store), in-memory pub/sub and a broadcast.</summary>
    public static ResourcesFolder LocalComponents()
    {
        var resources = new ResourcesFolder();
        return resources
            .Write("statestore.yaml", ComponentYaml.SqliteState(DaprComponents.StateStore, Path.Combine(resources.Root, "state.db")))
            .Write("pubsub.yaml", ComponentYaml.InMemoryPubSub(DaprComponents.PubSub))
            .Write("broadcast.yaml", ComponentYaml.InMemoryPubSub(DaprComponents.Broadcast, ComponentYaml.EveryInstance));
    }

    public static async Task<SessionsInstance> StartAsync(ResourcesFolder resources, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Sessions:AdminKey"] = AdminKey,
            // Generous: on a loaded CI machine 100 queued refreshes can take seconds; reuse is proven with older tokens.
            ["Sessions:Lifetimes:RefreshReuseGrace"] = "00:01:00",
            ["Sessions:ActivityFlushInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return new SessionsInstance(await ServiceUnderTest<SessionsOptions>.StartAsync(AppId, resources, all));
    }

    /// <summary>A client of this instance sending "Authorization: Bearer {accessToken}".</summary>
    public HttpClient BearerClient(string accessToken) => _service.CreateClient(("Authorization", $"Bearer {accessToken}"));

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
