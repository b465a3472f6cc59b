using AmazonScale.Sidecar.State;
using AmazonScale.TestSupport.Sidecar;
using Dapr.Client;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>
/// One backend and one in-process sidecar (app id "orders") shared by a test class. The sidecar loads four
/// components on the same backend that differ only in keyPrefix: statestore (appid, also the actor store),
/// byname (name), noprefix (none) and literal ("shared"). A missing backend binary is recorded and each test
/// skips (or fails under CI=true, which Infrastructure.Require already turns into an exception).
/// </summary>
public abstract class StateStoreFixture : IAsyncLifetime
{
    public const string AppId = "orders";
    private readonly ResourcesFolder _resources = new();
    private SidecarUnderTest? _sidecar;
    private DaprClient? _client;

    public abstract string ComponentType { get; }

    public virtual string ComponentVersion => "v1";

    /// <summary>HTTP status for a syntactically invalid ETag: 400 where the store validates the format (Redis), else 409.</summary>
    public virtual int InvalidETagStatus => 409;

    /// <summary>False for Redis, whose daprd component does not return ttlExpireTime on reads.</summary>
    public virtual bool ReportsTtlExpireTime => true;

    /// <summary>An ETag the store can parse but that never matches.</summary>
    public virtual string NeverMatchingETag => Guid.NewGuid().ToString();

    public string? SkipReason { get; private set; }

    public SidecarUnderTest Sidecar => _sidecar ?? throw new InvalidOperationException("backend not started");

    public DaprClient Client => _client ?? throw new InvalidOperationException("backend not started");

    public string ResourcesFolderPath => _resources.Path;

    /// <summary>Starts the backend and returns the component metadata (name → value) that connects to it.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string>> StartBackendAsync();

    protected virtual void StopBackend()
    {
    }

    public IStateStore RawStore(string componentName) =>
        Sidecar.Services.GetRequiredService<StateStoreCatalog>().Resolve(componentName).Store;

    public async Task InitializeAsync()
    {
        IReadOnlyDictionary<string, string> metadata;
        try
        {
            metadata = await StartBackendAsync();
        }
        catch (SkipException ex)
        {
            SkipReason = ex.Message;
            return;
        }
        WriteComponent("statestore", metadata, ("actorStateStore", "true"));
        WriteComponent("byname", metadata, ("keyPrefix", "name"));
        WriteComponent("noprefix", metadata, ("keyPrefix", "none"));
        WriteComponent("literal", metadata, ("keyPrefix", "shared"));
        _sidecar = await SidecarUnderTest.StartAsync(AppId, _resources);
        _client = _sidecar.CreateClient();
    }

    /// <summary>Writes a component YAML for this backend into the given folder (used by the multi-process test too).</summary>
    public string ComponentYaml(string name, IReadOnlyDictionary<string, string> metadata, params (string Name, string Value)[] extra)
    {
        var items = metadata.Select(m => (m.Key, m.Value)).Concat(extra)
            .Select(m => $"  - name: {m.Item1}\n    value: \"{m.Item2.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        return $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: {ComponentType}
              version: {ComponentVersion}
              metadata:

            """ + string.Join("\n", items) + "\n";
    }

    private void WriteComponent(string name, IReadOnlyDictionary<string, string> metadata, params (string Name, string Value)[] extra) =>
        _resources.Write($"{name}.yaml", ComponentYaml(name, metadata, extra));

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
        StopBackend();
        _resources.Dispose();
    }
}
