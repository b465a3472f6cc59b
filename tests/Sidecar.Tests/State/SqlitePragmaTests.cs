using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.State;
using AmazonScale.Sidecar.State.Stores;
using Microsoft.Data.Sqlite;

namespace AmazonScale.Sidecar.Tests.State;

/// <summary>state.sqlite runs the connection string's _pragma options on its connection, as daprd's SQLite driver does.</summary>
public sealed class SqlitePragmaTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sqlite-pragma-").FullName;

    private string DatabasePath => Path.Combine(_folder, "state.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Pragmas_in_the_connection_string_are_run_on_the_store_connection()
    {
        // user_version is kept in the file, so another connection sees that the store ran both forms.
        await using (await OpenAsync($"file:{DatabasePath}?_pragma=synchronous(NORMAL)&_pragma=user_version=7"))
        {
            Assert.Equal(7L, await ReadUserVersionAsync());
        }
    }

    [Fact]
    public async Task The_store_still_works_with_pragmas_applied()
    {
        await using var store = await OpenAsync($"file:{DatabasePath}?_pragma=synchronous(NORMAL)&_pragma=cache_size(-4000)");

        await store.SetAsync(new StateSetRequest("k", new StateValue("1"u8.ToArray(), IsBinary: false)), CancellationToken.None);

        Assert.Equal("1"u8.ToArray(), (await store.GetAsync("k", CancellationToken.None))?.Value);
    }

    [Theory]
    [InlineData("synchronous(NORMAL);DROP TABLE state")]
    [InlineData("synchronous('NORMAL')")]
    [InlineData("")]
    public async Task A_pragma_that_is_not_a_plain_name_and_value_fails_the_component_load(string pragma)
    {
        var error = await Assert.ThrowsAsync<ComponentException>(() => OpenAsync($"file:{DatabasePath}?_pragma={Uri.EscapeDataString(pragma)}"));

        Assert.Contains("_pragma", error.Message);
    }

    [Theory]
    [InlineData("busy_timeout(100)")]
    [InlineData("journal_mode(DELETE)")]
    public async Task Pragmas_owned_by_component_metadata_are_refused(string pragma)
    {
        var error = await Assert.ThrowsAsync<ComponentException>(() => OpenAsync($"file:{DatabasePath}?_pragma={pragma}"));

        Assert.Contains("busyTimeout / disableWAL", error.Message);
    }

    private static Task<SqliteStateStore> OpenAsync(string connectionString) =>
        SqliteStateStore.OpenAsync(
            new ComponentResource("statestore", "state.sqlite", "v1", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["connectionString"] = connectionString }, false, "statestore.yaml"),
            TimeProvider.System,
            CancellationToken.None);

    private async Task<long> ReadUserVersionAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
