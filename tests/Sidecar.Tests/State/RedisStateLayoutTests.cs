using System.Net;
using System.Text;
using Dapr.Client;
using StackExchange.Redis;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>What state.redis leaves in Redis must be byte-for-byte what daprd's component writes (hash data + version).</summary>
public sealed class RedisStateLayoutTests(RedisStateFixture fixture) : IClassFixture<RedisStateFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer? _redis;

    private IDatabase Redis => _redis!.GetDatabase();

    public async Task InitializeAsync()
    {
        if (fixture.SkipReason is null)
        {
            _redis = await ConnectionMultiplexer.ConnectAsync(fixture.Server.Address);
        }
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private DaprClient Client
    {
        get
        {
            Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
            return fixture.Client;
        }
    }

    [SkippableFact]
    public async Task Grpc_save_writes_a_hash_with_the_raw_bytes_and_an_incrementing_version()
    {
        var key = $"k-{Guid.NewGuid():N}";

        await Client.SaveStateAsync("statestore", key, new { a = 1 });
        var first = await HashAsync($"orders||{key}");
        await Client.SaveStateAsync("statestore", key, new { a = 2 });
        var second = await HashAsync($"orders||{key}");

        Assert.Equal(new Dictionary<string, string> { ["data"] = """{"a":1}""", ["version"] = "1" }, first);
        Assert.Equal(new Dictionary<string, string> { ["data"] = """{"a":2}""", ["version"] = "2" }, second);
    }

    [SkippableFact]
    public async Task First_write_marks_the_hash()
    {
        var key = $"fw-{Guid.NewGuid():N}";

        await Client.SaveStateAsync("statestore", key, 1, new StateOptions { Concurrency = ConcurrencyMode.FirstWrite });

        Assert.Equal("0", (await HashAsync($"orders||{key}"))["first-write"]);
    }

    [SkippableFact]
    public async Task Http_values_are_stored_as_go_would_marshal_them()
    {
        var key = $"http-{Guid.NewGuid():N}";
        _ = Client;

        using var response = await fixture.Sidecar.Http.PostAsync("v1.0/state/statestore",
            new StringContent($$$"""[{"key":"{{{key}}}","value":{ "b" : 1.50, "a" : "<x>" }}]""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("""{"a":"\u003cx\u003e","b":1.5}""", (await HashAsync($"orders||{key}"))["data"]);
    }

    [SkippableFact]
    public async Task Ttl_uses_expire_and_minus_one_persists()
    {
        var key = $"ttl-{Guid.NewGuid():N}";

        await Client.SaveStateAsync("statestore", key, 1, metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "100" });
        var withTtl = await Redis.KeyTimeToLiveAsync($"orders||{key}");
        await Client.SaveStateAsync("statestore", key, 2, metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "-1" });
        var persisted = await Redis.KeyTimeToLiveAsync($"orders||{key}");

        Assert.InRange(withTtl!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));
        Assert.Null(persisted);
    }

    [SkippableFact]
    public async Task A_hash_written_by_daprd_is_read_with_its_version_as_etag()
    {
        var key = $"daprd-{Guid.NewGuid():N}";
        _ = Client;
        await Redis.HashSetAsync($"orders||{key}", [new HashEntry("data", "\"from daprd\""), new HashEntry("version", "7")]);

        var (value, etag) = await Client.GetStateAndETagAsync<string>("statestore", key);

        Assert.Equal("from daprd", value);
        Assert.Equal("7", etag);
    }

    private async Task<Dictionary<string, string>> HashAsync(string key) =>
        (await Redis.HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
}
