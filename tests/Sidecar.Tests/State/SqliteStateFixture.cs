namespace AmazonScale.Sidecar.Tests.State;

/// <summary>state.sqlite on a database file in a temp folder (shared by the four components, as several daprd could share it).</summary>
public sealed class SqliteStateFixture : StateStoreFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sqlite-state-").FullName;

    public string DatabasePath => Path.Combine(_folder, "state.db");

    public override string ComponentType => "state.sqlite";

    protected override Task<IReadOnlyDictionary<string, string>> StartBackendAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["connectionString"] = DatabasePath, ["cleanupInterval"] = "1s" });

    protected override void StopBackend()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
