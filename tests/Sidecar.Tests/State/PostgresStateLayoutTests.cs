using System.Net;
using System.Text;
using Dapr.Client;
using Npgsql;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>Rows written by state.postgresql v2 must match components-contrib's: value bytea as given, uuid etag, expires_at for TTL.</summary>
public sealed class PostgresStateLayoutTests(PostgresStateFixture fixture) : IClassFixture<PostgresStateFixture>
{
    private sealed record Row(byte[] Value, Guid ETag, DateTime? UpdatedAt, DateTime? ExpiresAt);

    private DaprClient Client
    {
        get
        {
            Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
            return fixture.Client;
        }
    }

    [SkippableFact]
    public async Task Grpc_save_stores_the_bytes_with_a_new_uuid_per_write()
    {
        var key = $"bin-{Guid.NewGuid():N}";

        await Client.SaveStateAsync("statestore", key, new { a = 1 });
        var first = await ReadRowAsync($"orders||{key}");
        await Client.SaveStateAsync("statestore", key, new { a = 2 });
        var second = await ReadRowAsync($"orders||{key}");

        Assert.Equal("""{"a":1}"""u8.ToArray(), first.Value);
        Assert.Null(first.UpdatedAt);
        Assert.Null(first.ExpiresAt);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.NotNull(second.UpdatedAt);
    }

    [SkippableFact]
    public async Task Http_save_stores_go_json_bytes_and_ttl_sets_expires_at()
    {
        var key = $"http-{Guid.NewGuid():N}";
        _ = Client;

        using var response = await fixture.Sidecar.Http.PostAsync("v1.0/state/statestore",
            new StringContent($$$"""[{"key":"{{{key}}}","value":{"z":[1,2e3],"a":null},"metadata":{"ttlInSeconds":"3600"}}]""", Encoding.UTF8, "application/json"));
        var row = await ReadRowAsync($"orders||{key}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("""{"a":null,"z":[1,2000]}""", Encoding.UTF8.GetString(row.Value));
        Assert.InRange(row.ExpiresAt!.Value, DateTime.UtcNow.AddMinutes(59), DateTime.UtcNow.AddMinutes(61));
    }

    [SkippableFact]
    public async Task Migration_level_is_recorded_under_daprds_key()
    {
        _ = Client;
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value FROM dapr_metadata WHERE key = 'migrations-state-v2-'", connection);

        Assert.Equal("2", await command.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task Expired_rows_are_deleted_by_the_periodic_cleanup()
    {
        var key = $"swept-{Guid.NewGuid():N}";

        await Client.SaveStateAsync("statestore", key, 1, metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "1" });

        await Poll.UntilAsync(async () => await TryReadRowAsync($"orders||{key}") is null, TimeSpan.FromSeconds(20));
    }

    private NpgsqlConnection Connect() =>
        new($"Host=127.0.0.1;Port={fixture.Server.Port};Username=postgres;Password=postgres;Database=postgres");

    private async Task<Row> ReadRowAsync(string key) =>
        await TryReadRowAsync(key) ?? throw new Xunit.Sdk.XunitException($"no row for {key}");

    private async Task<Row?> TryReadRowAsync(string key)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value, etag, updated_at, expires_at FROM state WHERE key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new Row((byte[])reader.GetValue(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2), reader.IsDBNull(3) ? null : reader.GetDateTime(3))
            : null;
    }
}
