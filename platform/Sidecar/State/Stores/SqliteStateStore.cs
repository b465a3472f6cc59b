using System.Data;
using System.Globalization;
using System.Text;
using AmazonScale.Sidecar.Components;
using Microsoft.Data.Sqlite;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// state.sqlite with components-contrib's schema and encoding: table state(key, value TEXT, is_binary,
/// etag TEXT (UUID per write), expiration_time, update_time), binary values as base64 with is_binary = 1, JSON
/// values as text, TTL via DATETIME(CURRENT_TIMESTAMP, '+N seconds'). One connection per store (operations are
/// serialised in-process); several processes may share the file: WAL, busy_timeout and BEGIN IMMEDIATE
/// transactions make concurrent writers wait instead of failing or losing writes.
/// </summary>
public sealed class SqliteStateStore : IStateStore, IComponentCapabilities, IAsyncDisposable
{
    private const string NotExpired = "(expiration_time IS NULL OR expiration_time > CURRENT_TIMESTAMP)";

    private readonly SqliteConnection _connection;
    private readonly string _table;
    private readonly string _metadataTable;
    private readonly int _commandTimeoutSeconds;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ITimer? _cleanup;
    private readonly TimeSpan _cleanupInterval;

    private SqliteStateStore(SqliteConnection connection, string table, string metadataTable, TimeSpan timeout, TimeSpan cleanupInterval, TimeProvider time, IReadOnlyList<string> capabilities)
    {
        _connection = connection;
        _table = table;
        _metadataTable = metadataTable;
        _commandTimeoutSeconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        _cleanupInterval = cleanupInterval;
        Capabilities = capabilities;
        if (cleanupInterval > TimeSpan.Zero)
        {
            _cleanup = time.CreateTimer(_ => _ = CleanupAsync(), null, cleanupInterval, cleanupInterval);
        }
    }

    public IReadOnlyList<string> Capabilities { get; }

    public static async Task<SqliteStateStore> OpenAsync(ComponentResource resource, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = SqliteConnectionOptions.Parse(resource);
        var table = SqlIdentifier.Get(resource, "tableName", "state");
        var metadataTable = SqlIdentifier.Get(resource, "metadataTableName", "metadata");
        var timeout = MetadataDuration.Get(resource, "timeout", TimeSpan.FromSeconds(20));
        var busyTimeout = MetadataDuration.Get(resource, "busyTimeout", TimeSpan.FromSeconds(2));
        var cleanupInterval = MetadataDuration.Get(resource, "cleanupInterval", TimeSpan.Zero);
        var journalMode = options.InMemory ? "MEMORY" : resource.GetBool("disableWAL") || options.ReadOnly ? "DELETE" : "WAL";

        var connection = new SqliteConnection(options.ConnectionString) { DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds) };
        await connection.OpenAsync(cancellationToken);
        var store = new SqliteStateStore(connection, table, metadataTable, timeout, cleanupInterval, time, StateCapabilities.Of(resource));
        try
        {
            await store.ExecuteAsync($"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}", null, cancellationToken);
            foreach (var pragma in options.Pragmas)
            {
                await store.ExecuteAsync(pragma, null, cancellationToken);
            }
            if (!options.ReadOnly)
            {
                await store.ExecuteAsync($"PRAGMA journal_mode = {journalMode}", null, cancellationToken);
                await store.MigrateAsync(cancellationToken);
            }
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        return store;
    }

    public async Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command($"SELECT value, is_binary, etag, expiration_time FROM {_table} WHERE key = $key AND {NotExpired}", null);
            command.Parameters.AddWithValue("$key", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            var isBinary = reader.GetBoolean(1);
            var text = reader.GetString(0);
            var value = isBinary ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
            DateTimeOffset? expires = reader.IsDBNull(3)
                ? null
                : new DateTimeOffset(DateTime.SpecifyKind(DateTime.Parse(reader.GetString(3), CultureInfo.InvariantCulture), DateTimeKind.Utc));
            return new StateEntry(value, isBinary, reader.GetString(2), expires);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task SetAsync(StateSetRequest request, CancellationToken cancellationToken) =>
        InTransactionAsync(transaction => SetAsync(request, transaction, cancellationToken), cancellationToken);

    public Task DeleteAsync(StateDeleteRequest request, CancellationToken cancellationToken) =>
        InTransactionAsync(transaction => DeleteAsync(request, transaction, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs of unconditional upserts (the bulk of an actor turn's writes) go through ONE prepared single-row statement,
    /// executed once per row with new values: parsing a statement per row dominated large transactions, and a multi-row
    /// statement is no better — SQLite finds each named parameter by a linear search over all of them (500 names for 100
    /// rows: strncmp was ~10% of a sidecar's CPU under the task queue bench). Rows keep their order, so a later write to
    /// the same key still wins; conditional writes and deletes run one by one between the runs.
    /// </summary>
    public Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken) =>
        InTransactionAsync(async transaction =>
        {
            var run = new List<StateSetRequest>();
            foreach (var operation in operations)
            {
                if (operation is StateUpsert { Request: var plain } && IsUnconditional(plain))
                {
                    run.Add(plain);
                    continue;
                }
                await UpsertAllAsync(run, transaction, cancellationToken);
                run.Clear();
                await (operation switch
                {
                    StateUpsert upsert => SetAsync(upsert.Request, transaction, cancellationToken),
                    StateDelete delete => DeleteAsync(delete.Request, transaction, cancellationToken),
                    _ => throw new ArgumentException($"unknown operation {operation.GetType().Name}", nameof(operations)),
                });
            }
            await UpsertAllAsync(run, transaction, cancellationToken);
        }, cancellationToken);

    private static bool IsUnconditional(StateSetRequest request) => request.ETag is null && request.Concurrency != StateConcurrency.FirstWrite;

    private async Task SetAsync(StateSetRequest request, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        if (IsUnconditional(request))
        {
            await UpsertAllAsync([request], transaction, cancellationToken);
            return;
        }
        var sql = request.ETag is not null
            ? $"""
                UPDATE {_table} SET value = $value, etag = $newEtag, is_binary = $isBinary, update_time = CURRENT_TIMESTAMP, expiration_time = {Expiration}
                WHERE key = $key AND etag = $etag AND {NotExpired}
                """
            : $"""
                WITH a AS (SELECT $key, $value, $isBinary, $newEtag, {Expiration}, CURRENT_TIMESTAMP
                           WHERE NOT EXISTS (SELECT 1 FROM {_table} WHERE key = $key AND {NotExpired}))
                INSERT OR REPLACE INTO {_table} SELECT * FROM a
                """;
        await using var command = Command(sql, transaction);
        new RowParameters(command).Set(request);
        command.Parameters.AddWithValue("$etag", (object?)request.ETag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new StateETagMismatchException(request.Key);
        }
    }

    private async Task UpsertAllAsync(IReadOnlyList<StateSetRequest> requests, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return;
        }
        await using var command = Command(
            $"INSERT OR REPLACE INTO {_table} (key, value, is_binary, etag, update_time, expiration_time) VALUES ($key, $value, $isBinary, $newEtag, CURRENT_TIMESTAMP, {Expiration})",
            transaction);
        var row = new RowParameters(command);
        command.Prepare();
        foreach (var request in requests)
        {
            row.Set(request);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The row's expiry from its TTL in whole seconds (0: none), in the TEXT form components-contrib stores.</summary>
    private const string Expiration = "CASE WHEN $ttl > 0 THEN DATETIME(CURRENT_TIMESTAMP, '+' || $ttl || ' seconds') END";

    /// <summary>A row's parameters ($key, $value, $isBinary, $newEtag, $ttl), added once to a command and set per row.</summary>
    private sealed class RowParameters(SqliteCommand command)
    {
        private readonly SqliteParameter _key = command.Parameters.Add("$key", SqliteType.Text);
        private readonly SqliteParameter _value = command.Parameters.Add("$value", SqliteType.Text);
        private readonly SqliteParameter _isBinary = command.Parameters.Add("$isBinary", SqliteType.Integer);
        private readonly SqliteParameter _newEtag = command.Parameters.Add("$newEtag", SqliteType.Text);
        private readonly SqliteParameter _ttl = command.Parameters.Add("$ttl", SqliteType.Integer);

        public void Set(StateSetRequest request)
        {
            _key.Value = request.Key;
            _value.Value = request.Value.IsBinary ? Convert.ToBase64String(request.Value.Bytes.Span) : Encoding.UTF8.GetString(request.Value.Bytes.Span);
            _isBinary.Value = request.Value.IsBinary;
            _newEtag.Value = Guid.NewGuid().ToString();
            _ttl.Value = request.Ttl is { } ttl && ttl > TimeSpan.Zero ? (long)ttl.TotalSeconds : 0L;
        }
    }

    private async Task DeleteAsync(StateDeleteRequest request, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(request.ETag is null
            ? $"DELETE FROM {_table} WHERE key = $key"
            : $"DELETE FROM {_table} WHERE key = $key AND etag = $etag", transaction);
        command.Parameters.AddWithValue("$key", request.Key);
        command.Parameters.AddWithValue("$etag", (object?)request.ETag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0 && request.ETag is not null)
        {
            throw new StateETagMismatchException(request.Key);
        }
    }

    /// <summary>BEGIN IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read lock.</summary>
    private async Task InTransactionAsync(Func<SqliteTransaction, Task> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            await work(transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>components-contrib's migration: metadata(key, value) records the level under "migrations"; level 1 creates the state table.</summary>
    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync($"CREATE TABLE IF NOT EXISTS {_metadataTable} (key text NOT NULL PRIMARY KEY, value text NOT NULL)", null, cancellationToken);
        await InTransactionAsync(async transaction =>
        {
            await using var read = Command($"SELECT value FROM {_metadataTable} WHERE key = 'migrations'", transaction);
            var level = await read.ExecuteScalarAsync(cancellationToken) is string text && int.TryParse(text, CultureInfo.InvariantCulture, out var l) ? l : 0;
            if (level >= 1)
            {
                return;
            }
            await ExecuteAsync($"""
                CREATE TABLE IF NOT EXISTS {_table} (
                  key TEXT NOT NULL PRIMARY KEY,
                  value TEXT NOT NULL,
                  is_binary BOOLEAN NOT NULL,
                  etag TEXT NOT NULL,
                  expiration_time TIMESTAMP DEFAULT NULL,
                  update_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
                )
                """, transaction, cancellationToken);
            await ExecuteAsync($"REPLACE INTO {_metadataTable} (key, value) VALUES ('migrations', '1')", transaction, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Like components-contrib, the last-cleanup row lets only one of several processes sweep per interval.</summary>
    private async Task CleanupAsync()
    {
        try
        {
            await InTransactionAsync(async transaction =>
            {
                await using var claim = Command($"""
                    INSERT INTO {_metadataTable} (key, value) VALUES ('last-cleanup', CURRENT_TIMESTAMP)
                    ON CONFLICT (key) DO UPDATE SET value = CURRENT_TIMESTAMP
                    WHERE (unixepoch(CURRENT_TIMESTAMP) - unixepoch(value)) * 1000 > $interval
                    """, transaction);
                claim.Parameters.AddWithValue("$interval", (long)_cleanupInterval.TotalMilliseconds - 100);
                if (await claim.ExecuteNonQueryAsync() > 0)
                {
                    await ExecuteAsync($"DELETE FROM {_table} WHERE expiration_time IS NOT NULL AND expiration_time < CURRENT_TIMESTAMP", transaction, CancellationToken.None);
                }
            }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            // A missed sweep is harmless: reads already filter expired rows and the next tick retries.
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = _commandTimeoutSeconds;
        return command;
    }

    private async Task ExecuteAsync(string sql, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cleanup is not null)
        {
            await _cleanup.DisposeAsync();
        }
        await _gate.WaitAsync();
        await _connection.DisposeAsync();
    }
}
