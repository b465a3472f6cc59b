using AmazonScale.TestSupport;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>state.postgresql v2 on a throwaway PostgreSQL server.</summary>
public class PostgresStateFixture : StateStoreFixture
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("postgres not started");

    public override string ComponentType => "state.postgresql";

    public override string ComponentVersion => "v2";

    protected override async Task<IReadOnlyDictionary<string, string>> StartBackendAsync()
    {
        _server = await PostgresServer.StartAsync();
        return new Dictionary<string, string> { ["connectionString"] = _server.ConnectionString, ["cleanupInterval"] = "1s" };
    }

    protected override void StopBackend() => _server?.Dispose();
}

/// <summary>state.postgresql v1: jsonb values and xmin ETags, so an unparseable ETag is invalid (400).</summary>
public sealed class PostgresV1StateFixture : PostgresStateFixture
{
    public override string ComponentVersion => "v1";

    public override int InvalidETagStatus => 400;

    public override string NeverMatchingETag => "4294967295";
}
