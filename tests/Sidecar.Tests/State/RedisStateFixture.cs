using AmazonScale.TestSupport;

namespace AmazonScale.Sidecar.Tests.State;

public sealed class RedisStateFixture : StateStoreFixture
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("redis not started");

    public override string ComponentType => "state.redis";

    public override int InvalidETagStatus => 400;

    public override bool ReportsTtlExpireTime => false;

    public override string NeverMatchingETag => "987654321";

    protected override async Task<IReadOnlyDictionary<string, string>> StartBackendAsync()
    {
        _server = await RedisServer.StartAsync();
        return new Dictionary<string, string> { ["redisHost"] = _server.Address };
    }

    protected override void StopBackend() => _server?.Dispose();
}
