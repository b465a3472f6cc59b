using System.Net;
using System.Text;
using Dapr.Client;
using Npgsql;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>Rows written by state.postgresql v1 must match components-contrib's: jsonb, base64 JSON strings for bytes, xmin ETags.</summary>
public sealed class PostgresV1StateLayoutTests(PostgresV1StateFixture fixture) : IClassFixture<PostgresV1StateFixture>
{
    private sealed record Row(string Value, bool IsBinary, string Xmin);

    private DaprClient Client
    {
        get
        {
            Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
            return fixture.Client;
        }
    }

    [SkippableFact]
    public async Task Grpc_bytes_are_a_base64_json_string_and_the_etag_is_xmin()
    {
        var key = $"bin-{Guid.NewGuid():N}";

        await Client.SaveStateAsync("statestore", key, new { a = 1 });
        var row = await ReadRowAsync($"orders||{key}");
        var (_, etag) = await Client.GetStateAndETagAsync<object>("statestore", key);

        Assert.Equal($"\"{Convert.ToBase64String("""{"a":1}"""u8)}\"", row.Value);
        Assert.True(row.IsBinary);
        Assert.Equal(row.Xmin, etag);
    }

    [SkippableFact]
    public async Task Http_values_are_jsonb_and_read_back_as_postgres_prints_them()
    {
        var key = $"http-{Guid.NewGuid():N}";
        _ = Client;

        using var saved = await fixture.Sidecar.Http.PostAsync("v1.0/state/statestore",
            new StringContent($$$"""[{"key":"{{{key}}}","value":{"b":2,"a":1}}]""", Encoding.UTF8, "application/json"));
        var row = await ReadRowAsync($"orders||{key}");
        var body = await fixture.Sidecar.Http.GetStringAsync($"v1.0/state/statestore/{key}");

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.False(row.IsBinary);
        Assert.Equal("""{"a": 1, "b": 2}""", row.Value);
        Assert.Equal("""{"a": 1, "b": 2}""", body);
    }

    private async Task<Row> ReadRowAsync(string key)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={fixture.Server.Port};Username=postgres;Password=postgres;Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value::text, isbinary, xmin::text FROM state WHERE key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row for {key}");
        return new Row(reader.GetString(0), reader.GetBoolean(1), reader.GetString(2));
    }
}
