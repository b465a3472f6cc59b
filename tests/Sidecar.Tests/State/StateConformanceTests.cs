using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>
/// The state conformance suite, written once and run against every backend (one derived class per fixture):
/// the official DaprClient over gRPC and daprd's HTTP API must behave identically whatever the store.
/// </summary>
public abstract class StateConformanceTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : StateStoreFixture
{
    private const string Store = "statestore";

    public sealed record Order(string Id, int Quantity, decimal Total);

    private sealed record ErrorBody(string ErrorCode, string Message);

    private DaprClient Client
    {
        get
        {
            Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
            return fixture.Client;
        }
    }

    private HttpClient Http => fixture.Sidecar.Http;

    private static string NewKey(string name) => $"{name}-{Guid.NewGuid():N}";

    [SkippableFact]
    public async Task Grpc_save_get_delete_round_trip()
    {
        var key = NewKey("order");
        var order = new Order("o-1", 3, 29.97m);

        await Client.SaveStateAsync(Store, key, order);
        var read = await Client.GetStateAsync<Order>(Store, key);
        await Client.DeleteStateAsync(Store, key);

        Assert.Equal(order, read);
        Assert.Null(await Client.GetStateAsync<Order>(Store, key));
    }

    [SkippableFact]
    public async Task Http_save_get_delete_round_trip()
    {
        var key = NewKey("order");
        _ = Client;

        using var saved = await Http.PostAsync($"v1.0/state/{Store}", Json($$$"""[{"key":"{{{key}}}","value":{"id":"o-2","quantity":1}}]"""));
        using var read = await Http.GetAsync($"v1.0/state/{Store}/{key}");
        var body = await read.Content.ReadAsStringAsync();
        using var deleted = await Http.DeleteAsync($"v1.0/state/{Store}/{key}");
        using var missing = await Http.GetAsync($"v1.0/state/{Store}/{key}");

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":"o-2","quantity":1}"""), JsonNode.Parse(body)), body);
        Assert.False(string.IsNullOrEmpty(read.Headers.ETag?.Tag ?? string.Join("", read.Headers.GetValues("ETag"))));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
    }

    [SkippableFact]
    public async Task Value_saved_over_http_is_read_by_the_sdk_and_vice_versa()
    {
        var fromHttp = NewKey("http");
        var fromGrpc = NewKey("grpc");
        _ = Client;

        using var saved = await Http.PostAsync($"v1.0/state/{Store}", Json($$$"""[{"key":"{{{fromHttp}}}","value":{"id":"h","quantity":2,"total":5.5}}]"""));
        await Client.SaveStateAsync(Store, fromGrpc, new Order("g", 4, 1.25m));

        Assert.Equal(new Order("h", 2, 5.5m), await Client.GetStateAsync<Order>(Store, fromHttp));
        Assert.Equal(new Order("g", 4, 1.25m), await Http.GetFromJsonAsync<Order>($"v1.0/state/{Store}/{fromGrpc}", JsonSerializerOptions.Web));
    }

    [SkippableFact]
    public async Task Missing_key_is_default_over_grpc_and_204_over_http()
    {
        var key = NewKey("missing");

        var (value, etag) = await Client.GetStateAndETagAsync<Order>(Store, key);
        using var response = await Http.GetAsync($"v1.0/state/{Store}/{key}");

        Assert.Null(value);
        Assert.Equal("", etag);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [SkippableFact]
    public async Task TrySave_with_a_stale_etag_returns_false_and_with_the_current_one_true()
    {
        var key = NewKey("etag");
        await Client.SaveStateAsync(Store, key, 1);
        var (_, stale) = await Client.GetStateAndETagAsync<int>(Store, key);
        await Client.SaveStateAsync(Store, key, 2);
        var (_, current) = await Client.GetStateAndETagAsync<int>(Store, key);

        var staleWrite = await Client.TrySaveStateAsync(Store, key, 3, stale);
        var currentWrite = await Client.TrySaveStateAsync(Store, key, 4, current);

        Assert.NotEqual(stale, current);
        Assert.False(staleWrite);
        Assert.True(currentWrite);
        Assert.Equal(4, await Client.GetStateAsync<int>(Store, key));
    }

    [SkippableFact]
    public async Task Http_save_with_a_stale_etag_is_409_and_with_an_unparseable_etag_follows_the_store()
    {
        var key = NewKey("etag");
        await Client.SaveStateAsync(Store, key, 1);

        using var stale = await Http.PostAsync($"v1.0/state/{Store}", Json($$"""[{"key":"{{key}}","value":2,"etag":"{{fixture.NeverMatchingETag}}"}]"""));
        using var invalid = await Http.PostAsync($"v1.0/state/{Store}", Json($$"""[{"key":"{{key}}","value":3,"etag":"not-an-etag"}]"""));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("ERR_STATE_SAVE", (await stale.Content.ReadFromJsonAsync<ErrorBody>())!.ErrorCode);
        Assert.Equal(fixture.InvalidETagStatus, (int)invalid.StatusCode);
        Assert.Equal(1, await Client.GetStateAsync<int>(Store, key));
    }

    [SkippableFact]
    public async Task First_write_creates_once_and_then_needs_the_etag()
    {
        var key = NewKey("first");
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };

        await Client.SaveStateAsync(Store, key, "created", firstWrite);
        await Assert.ThrowsAsync<DaprException>(() => Client.SaveStateAsync(Store, key, "overwritten", firstWrite));
        var (value, etag) = await Client.GetStateAndETagAsync<string>(Store, key);
        var withETag = await Client.TrySaveStateAsync(Store, key, "updated", etag, firstWrite);

        Assert.Equal("created", value);
        Assert.True(withETag);
        Assert.Equal("updated", await Client.GetStateAsync<string>(Store, key));
    }

    [SkippableFact]
    public async Task Delete_with_a_stale_etag_fails_and_with_the_current_one_succeeds()
    {
        var key = NewKey("delete");
        await Client.SaveStateAsync(Store, key, 1);
        var (_, stale) = await Client.GetStateAndETagAsync<int>(Store, key);
        await Client.SaveStateAsync(Store, key, 2);
        var (_, current) = await Client.GetStateAndETagAsync<int>(Store, key);

        var staleDelete = await Client.TryDeleteStateAsync(Store, key, stale);
        using var staleHttp = await SendAsync(HttpMethod.Delete, $"v1.0/state/{Store}/{key}", ifMatch: stale);
        var currentDelete = await Client.TryDeleteStateAsync(Store, key, current);

        Assert.False(staleDelete);
        Assert.Equal(HttpStatusCode.Conflict, staleHttp.StatusCode);
        Assert.True(currentDelete);
        Assert.Equal(0, await Client.GetStateAsync<int>(Store, key));
    }

    [SkippableFact]
    public async Task Bulk_get_returns_every_key_with_missing_ones_empty()
    {
        var keys = Enumerable.Range(0, 3).Select(i => NewKey($"bulk{i}")).ToList();
        var missing = NewKey("absent");
        for (var i = 0; i < keys.Count; i++)
        {
            await Client.SaveStateAsync(Store, keys[i], new Order($"o{i}", i, i));
        }

        var items = await Client.GetBulkStateAsync<Order>(Store, [.. keys, missing], parallelism: 2);
        using var http = await Http.PostAsync($"v1.0/state/{Store}/bulk", JsonContent.Create(new { keys = new[] { keys[0], missing }, parallelism = 2 }));
        var httpItems = await http.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(keys.Select((k, i) => (k, new Order($"o{i}", i, i))).Append((missing, (Order)null!)),
            items.Select(item => (item.Key, item.Value)));
        Assert.All(items.Take(3), item => Assert.False(string.IsNullOrEmpty(item.ETag)));
        Assert.Equal(keys[0], httpItems[0].GetProperty("key").GetString());
        Assert.Equal("o0", httpItems[0].GetProperty("data").GetProperty("id").GetString());
        Assert.False(httpItems[1].TryGetProperty("data", out _));
    }

    [SkippableFact]
    public async Task Transaction_applies_upserts_and_deletes_together()
    {
        var (a, b, c) = (NewKey("a"), NewKey("b"), NewKey("c"));
        await Client.SaveStateAsync(Store, c, "old");

        await Client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest(a, JsonSerializer.SerializeToUtf8Bytes("A"), StateOperationType.Upsert),
            new StateTransactionRequest(b, JsonSerializer.SerializeToUtf8Bytes("B"), StateOperationType.Upsert),
            new StateTransactionRequest(c, null, StateOperationType.Delete),
        ]);
        using var http = await Http.PostAsync($"v1.0/state/{Store}/transaction", Json($$$$"""
            {"operations":[{"operation":"upsert","request":{"key":"{{{{c}}}}","value":{"via":"http"}}},{"operation":"delete","request":{"key":"{{{{a}}}}"}}]}
            """));

        Assert.Equal(HttpStatusCode.NoContent, http.StatusCode);
        Assert.Null(await Client.GetStateAsync<string>(Store, a));
        Assert.Equal("B", await Client.GetStateAsync<string>(Store, b));
        Assert.Equal("http", (await Client.GetStateAsync<JsonElement>(Store, c)).GetProperty("via").GetString());
    }

    [SkippableFact]
    public async Task Transaction_with_a_stale_etag_on_one_operation_applies_none_of_its_operations()
    {
        var (fresh, doomed, guarded) = (NewKey("fresh"), NewKey("doomed"), NewKey("guarded"));
        await Client.SaveStateAsync(Store, doomed, "kept");
        await Client.SaveStateAsync(Store, guarded, "v1");
        var (_, stale) = await Client.GetStateAndETagAsync<string>(Store, guarded);
        await Client.SaveStateAsync(Store, guarded, "v2");

        var error = await Assert.ThrowsAsync<DaprException>(() => Client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest(fresh, JsonSerializer.SerializeToUtf8Bytes("new"), StateOperationType.Upsert),
            new StateTransactionRequest(doomed, null, StateOperationType.Delete),
            new StateTransactionRequest(guarded, JsonSerializer.SerializeToUtf8Bytes("v3"), StateOperationType.Upsert, etag: stale),
        ]));
        using var http = await Http.PostAsync($"v1.0/state/{Store}/transaction", Json($$$$"""
            {"operations":[{"operation":"upsert","request":{"key":"{{{{fresh}}}}","value":"new"}},{"operation":"upsert","request":{"key":"{{{{guarded}}}}","value":"v3","etag":"{{{{stale}}}}"}}]}
            """));

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        await AssertDaprErrorAsync(http, HttpStatusCode.InternalServerError, "ERR_STATE_TRANSACTION");
        Assert.Null(await Client.GetStateAsync<string>(Store, fresh));
        Assert.Equal("kept", await Client.GetStateAsync<string>(Store, doomed));
        Assert.Equal("v2", await Client.GetStateAsync<string>(Store, guarded));
    }

    [SkippableFact]
    public async Task Transaction_first_write_insert_fails_when_the_key_exists_and_applies_nothing()
    {
        var (existing, other) = (NewKey("existing"), NewKey("other"));
        await Client.SaveStateAsync(Store, existing, "original");

        var error = await Assert.ThrowsAsync<DaprException>(() => Client.ExecuteStateTransactionAsync(Store,
        [
            new StateTransactionRequest(other, JsonSerializer.SerializeToUtf8Bytes("side effect"), StateOperationType.Upsert),
            FirstWriteInsert(existing, "duplicate"),
        ]));
        using var http = await Http.PostAsync($"v1.0/state/{Store}/transaction", Json($$$$"""
            {"operations":[{"operation":"upsert","request":{"key":"{{{{existing}}}}","value":"duplicate","options":{"concurrency":"first-write"}}}]}
            """));
        await Client.ExecuteStateTransactionAsync(Store, [FirstWriteInsert(other, "inserted")]);

        Assert.Equal(StatusCode.Internal, Assert.IsType<RpcException>(error.InnerException).StatusCode);
        await AssertDaprErrorAsync(http, HttpStatusCode.InternalServerError, "ERR_STATE_TRANSACTION");
        Assert.Equal("original", await Client.GetStateAsync<string>(Store, existing));
        Assert.Equal("inserted", await Client.GetStateAsync<string>(Store, other));
    }

    [SkippableFact]
    public async Task Concurrent_first_write_transactional_inserts_of_one_key_have_exactly_one_winner()
    {
        const int Contenders = 20;
        var key = NewKey("contended");
        var client = Client;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Contenders).Select(i => Task.Run(async () =>
        {
            try
            {
                await client.ExecuteStateTransactionAsync(Store, [FirstWriteInsert(key, $"writer-{i}")]);
                return $"writer-{i}";
            }
            catch (DaprException)
            {
                return null;
            }
        })));

        var winner = Assert.Single(outcomes, outcome => outcome is not null);
        Assert.Equal(winner, await Client.GetStateAsync<string>(Store, key));
    }

    private static StateTransactionRequest FirstWriteInsert(string key, string value) =>
        new(key, JsonSerializer.SerializeToUtf8Bytes(value), StateOperationType.Upsert,
            options: new StateOptions { Concurrency = ConcurrencyMode.FirstWrite });

    [SkippableFact]
    public async Task Ttl_expires_the_key_and_reports_ttlExpireTime()
    {
        var key = NewKey("ttl");
        // Long enough that a stalled CI machine still reads the key before it expires.
        await Client.SaveStateAsync(Store, key, "short-lived", metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "4" });

        using var read = await Http.GetAsync($"v1.0/state/{Store}/{key}");
        var expireHeader = read.Headers.TryGetValues("metadata.ttlExpireTime", out var values) ? values.Single() : null;

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        if (fixture.ReportsTtlExpireTime)
        {
            Assert.NotNull(expireHeader);
            Assert.InRange(DateTimeOffset.Parse(expireHeader, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        }
        await Poll.UntilAsync(async () => await Client.GetStateAsync<string>(Store, key) is null, TimeSpan.FromSeconds(30));
    }

    [SkippableFact]
    public async Task Key_prefix_strategies_shape_the_stored_key()
    {
        var key = NewKey("prefixed");
        foreach (var component in new[] { "statestore", "byname", "noprefix", "literal" })
        {
            await Client.SaveStateAsync(component, key, component);
        }

        Assert.NotNull(await fixture.RawStore("statestore").GetAsync($"orders||{key}", default));
        Assert.NotNull(await fixture.RawStore("byname").GetAsync($"byname||{key}", default));
        Assert.NotNull(await fixture.RawStore("noprefix").GetAsync(key, default));
        Assert.NotNull(await fixture.RawStore("literal").GetAsync($"shared||{key}", default));
        Assert.Equal("noprefix", await Client.GetStateAsync<string>("noprefix", key));
    }

    [SkippableFact]
    public async Task Fifty_parallel_etag_guarded_increments_lose_nothing()
    {
        var key = NewKey("counter");
        await Client.SaveStateAsync(Store, key, 0);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => StateCounter.IncrementAsync(Client, Store, key)));

        Assert.Equal(50, await Client.GetStateAsync<int>(Store, key));
    }

    [SkippableFact]
    public async Task Malformed_json_is_400_and_writes_nothing()
    {
        var key = NewKey("malformed");
        _ = Client;

        using var response = await Http.PostAsync($"v1.0/state/{Store}", Json($$"""[{"key":"{{key}}","value":1}"""));

        await AssertDaprErrorAsync(response, HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
        Assert.Null(await Client.GetStateAsync<int?>(Store, key));
    }

    [SkippableFact]
    public async Task One_bad_item_rejects_the_whole_batch()
    {
        var (good, bad) = (NewKey("good"), NewKey("bad"));
        _ = Client;

        using var response = await Http.PostAsync($"v1.0/state/{Store}", Json($$$"""
            [{"key":"{{{good}}}","value":1},{"key":"{{{bad}}}","value":2,"metadata":{"ttlInSeconds":"soon"}}]
            """));

        await AssertDaprErrorAsync(response, HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
        Assert.Null(await Client.GetStateAsync<int?>(Store, good));
    }

    [SkippableFact]
    public async Task Unknown_store_is_400_ERR_STATE_STORE_NOT_FOUND_on_http_and_invalid_argument_on_grpc()
    {
        using var response = await Http.GetAsync("v1.0/state/nosuchstore/k");
        var grpc = await Assert.ThrowsAsync<DaprException>(() => Client.GetStateAsync<string>("nosuchstore", "k"));

        await AssertDaprErrorAsync(response, HttpStatusCode.BadRequest, "ERR_STATE_STORE_NOT_FOUND");
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(grpc.InnerException).StatusCode);
    }

    [SkippableFact]
    public async Task Keys_containing_the_separator_are_rejected()
    {
        using var response = await Http.PostAsync($"v1.0/state/{Store}", Json("""[{"key":"other-app||secret","value":1}]"""));
        var grpc = await Assert.ThrowsAsync<DaprException>(() => Client.SaveStateAsync(Store, "a||b", 1));

        await AssertDaprErrorAsync(response, HttpStatusCode.BadRequest, "ERR_MALFORMED_REQUEST");
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(grpc.InnerException).StatusCode);
        Assert.Null(await fixture.RawStore(Store).GetAsync("orders||other-app||secret", default));
    }

    [SkippableFact]
    public async Task Oversized_body_is_413_and_writes_nothing()
    {
        var key = NewKey("huge");
        _ = Client;
        var value = new string('x', 5 * 1024 * 1024);

        // Expect: 100-continue lets Kestrel refuse by Content-Length before the client streams 5 MB into a closed socket.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1.0/state/{Store}") { Content = Json($$"""[{"key":"{{key}}","value":"{{value}}"}]""") };
        request.Headers.ExpectContinue = true;
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await Client.GetStateAsync<string>(Store, key));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Http.SendAsync(request);
    }

    private static async Task AssertDaprErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(errorCode, (await response.Content.ReadFromJsonAsync<ErrorBody>(JsonSerializerOptions.Web))!.ErrorCode);
    }
}

public sealed class InMemoryStateConformanceTests(InMemoryStateFixture fixture) : StateConformanceTests<InMemoryStateFixture>(fixture);

public sealed class SqliteStateConformanceTests(SqliteStateFixture fixture) : StateConformanceTests<SqliteStateFixture>(fixture);

public sealed class RedisStateConformanceTests(RedisStateFixture fixture) : StateConformanceTests<RedisStateFixture>(fixture);

public sealed class PostgresStateConformanceTests(PostgresStateFixture fixture) : StateConformanceTests<PostgresStateFixture>(fixture);

public sealed class PostgresV1StateConformanceTests(PostgresV1StateFixture fixture) : StateConformanceTests<PostgresV1StateFixture>(fixture);
