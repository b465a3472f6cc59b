using AmazonScale.TestSupport;

namespace AmazonScale.Sidecar.Tests.State;

public sealed class PostgresStateFixture : StateStoreFixture
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("postgres not started");

    public override string ComponentType => "state.postgresql";

    public override string ComponentVersion => "v2";

    protected override async Task<IReadOnlyDictionary<string, string>> StartBackendAsync()
    {
        _server = await PostgresServer.StartAsync();
        return new Dictionary<string, string> { ["connectionString"] = _server.ConnectionString };
    }

    protected override void StopBackend() => _server?.Dispose();
}
