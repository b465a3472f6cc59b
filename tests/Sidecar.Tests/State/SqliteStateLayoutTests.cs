using System.Net;
using System.Text;
using Dapr.Client;
using Microsoft.Data.Sqlite;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>Rows written by state.sqlite must match components-contrib's encoding: gRPC bytes as base64 with is_binary = 1, JSON as text.</summary>
public sealed class SqliteStateLayoutTests(SqliteStateFixture fixture) : IClassFixture<SqliteStateFixture>
{
    private sealed record Row(string Value, long IsBinary, string ETag, string? ExpirationTime);

    private DaprClient Client => fixture.Client;

    [Fact]
    public async Task Grpc_save_is_base64_with_is_binary_and_a_uuid_etag()
    {
        var key = $"bin-{Guid.NewGuid():N}";

        await Client.SaveStateAsync("statestore", key, new { a = 1 });
        var row = await ReadRowAsync($"orders||{key}");

        Assert.Equal(Convert.ToBase64String("""{"a":1}"""u8), row.Value);
        Assert.Equal(1, row.IsBinary);
        Assert.True(Guid.TryParse(row.ETag, out _));
        Assert.Null(row.ExpirationTime);
    }

    [Fact]
    public async Task Grpc_save_with_json_content_type_is_stored_as_json_text()
    {
        var key = $"json-{Guid.NewGuid():N}";

        await Client.SaveStateAsync("statestore", key, new { b = 2, a = 1 }, metadata: new Dictionary<string, string> { ["contentType"] = "application/json" });
        var row = await ReadRowAsync($"orders||{key}");

        Assert.Equal("""{"a":1,"b":2}""", row.Value);
        Assert.Equal(0, row.IsBinary);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, await Client.GetStateAsync<Dictionary<string, int>>("statestore", key));
    }

    [Fact]
    public async Task Http_save_is_json_text_and_ttl_sets_expiration_time()
    {
        var key = $"http-{Guid.NewGuid():N}";

        using var response = await fixture.Sidecar.Http.PostAsync("v1.0/state/statestore",
            new StringContent($$$"""[{"key":"{{{key}}}","value":"hello","metadata":{"ttlInSeconds":"3600"}}]""", Encoding.UTF8, "application/json"));
        var row = await ReadRowAsync($"orders||{key}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("\"hello\"", row.Value);
        Assert.Equal(0, row.IsBinary);
        Assert.InRange(DateTime.Parse(row.ExpirationTime!, System.Globalization.CultureInfo.InvariantCulture), DateTime.UtcNow.AddMinutes(59), DateTime.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task Migration_level_is_recorded_in_the_metadata_table()
    {
        _ = Client;
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM metadata WHERE key = 'migrations'";

        Assert.Equal("1", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Expired_rows_are_deleted_by_the_periodic_cleanup()
    {
        var key = $"swept-{Guid.NewGuid():N}";

        await Client.SaveStateAsync("statestore", key, 1, metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "1" });

        await Poll.UntilAsync(async () => await TryReadRowAsync($"orders||{key}") is null, TimeSpan.FromSeconds(20));
    }

    private async Task<Row> ReadRowAsync(string key) =>
        await TryReadRowAsync(key) ?? throw new Xunit.Sdk.XunitException($"no row for {key}");

    private async Task<Row?> TryReadRowAsync(string key)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value, is_binary, etag, expiration_time FROM state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new Row(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.DatabasePath, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
