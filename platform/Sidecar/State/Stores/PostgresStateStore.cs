using System.Globalization;
using AmazonScale.Sidecar.Components;
using Npgsql;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// state.postgresql v2 with components-contrib's schema: &lt;tablePrefix&gt;state(key, value bytea, etag uuid,
/// created_at, updated_at, expires_at, row_id) with an index on expires_at, values stored as their bytes, a new
/// UUID ETag per write (gen_random_uuid()), upserts with INSERT … ON CONFLICT, ETag writes as a guarded UPDATE,
/// migrations recorded under "migrations-state-v2-&lt;prefix&gt;" in the metadata table. An ETag that is not a
/// UUID simply never matches (the real component reports it as a mismatch too).
/// </summary>
public sealed class PostgresStateStore : IStateStore, IComponentCapabilities, IAsyncDisposable
{
    private const string NotExpired = "(expires_at IS NULL OR expires_at >= now())";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly string _metadataTable;
    private readonly string _tablePrefix;
    private readonly int _timeoutSeconds;
    private readonly TimeSpan _cleanupInterval;
    private readonly ITimer? _cleanup;

    private PostgresStateStore(NpgsqlDataSource dataSource, string tablePrefix, string metadataTable, TimeSpan timeout, TimeSpan cleanupInterval, TimeProvider time, IReadOnlyList<string> capabilities)
    {
        _dataSource = dataSource;
        _tablePrefix = tablePrefix;
        _table = tablePrefix + "state";
        _metadataTable = metadataTable;
        _timeoutSeconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        _cleanupInterval = cleanupInterval;
        Capabilities = capabilities;
        if (cleanupInterval > TimeSpan.Zero)
        {
            _cleanup = time.CreateTimer(_ => _ = CleanupAsync(), null, cleanupInterval, cleanupInterval);
        }
    }

    public IReadOnlyList<string> Capabilities { get; }

    public static async Task<PostgresStateStore> OpenAsync(ComponentResource resource, TimeProvider time, CancellationToken cancellationToken)
    {
        var prefix = resource.Get("tablePrefix") ?? "";
        SqlIdentifier.Validate(resource, "tablePrefix", prefix + "state");
        var metadataTable = SqlIdentifier.Get(resource, "metadataTableName", "dapr_metadata");
        var timeout = MetadataDuration.Get(resource, "timeout", TimeSpan.FromSeconds(20));
        var cleanupInterval = MetadataDuration.Get(resource, "cleanupInterval", TimeSpan.FromHours(1));
        var dataSource = NpgsqlDataSource.Create(PostgresConnectionString.ToNpgsql(resource, resource.Require("connectionString")));
        var store = new PostgresStateStore(dataSource, prefix, metadataTable, timeout, cleanupInterval, time, StateCapabilities.Of(resource));
        try
        {
            await store.MigrateAsync(cancellationToken);
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
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT value, etag, expires_at FROM {_table} WHERE key = $1 AND {NotExpired}", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        DateTimeOffset? expires = reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero);
        return new StateEntry((byte[])reader.GetValue(0), IsBinary: false, reader.GetGuid(1).ToString(), expires);
    }

    public async Task SetAsync(StateSetRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await SetAsync(connection, null, request, cancellationToken);
    }

    public async Task DeleteAsync(StateDeleteRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await DeleteAsync(connection, null, request, cancellationToken);
    }

    public async Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var operation in operations)
        {
            await (operation switch
            {
                StateUpsert upsert => SetAsync(connection, transaction, upsert.Request, cancellationToken),
                StateDelete delete => DeleteAsync(connection, transaction, delete.Request, cancellationToken),
                _ => throw new ArgumentException($"unknown operation {operation.GetType().Name}", nameof(operations)),
            });
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task SetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StateSetRequest request, CancellationToken cancellationToken)
    {
        var ttlSeconds = request.Ttl is { } ttl && ttl > TimeSpan.Zero ? (long)ttl.TotalSeconds : 0;
        var expiresAt = ttlSeconds > 0 ? $"now() + interval '{ttlSeconds.ToString(CultureInfo.InvariantCulture)} seconds'" : "NULL";
        var value = request.Value.Bytes.ToArray();
        NpgsqlCommand command;
        if (request.ETag is null)
        {
            // First-write still upserts, but only over a row that has expired and not yet been swept.
            var onlyExpired = request.Concurrency == StateConcurrency.FirstWrite ? " WHERE (t.expires_at IS NOT NULL AND t.expires_at < now())" : "";
            command = Command(connection, transaction, $"""
                INSERT INTO {_table} AS t (key, value, etag, expires_at) VALUES ($1, $2, gen_random_uuid(), {expiresAt})
                ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = now(), etag = gen_random_uuid(), expires_at = {expiresAt}{onlyExpired}
                """, request.Key, value);
        }
        else
        {
            if (!Guid.TryParse(request.ETag, out var etag))
            {
                throw new StateETagMismatchException(request.Key);
            }
            command = Command(connection, transaction, $"""
                UPDATE {_table} SET value = $2, updated_at = now(), etag = gen_random_uuid(), expires_at = {expiresAt}
                WHERE key = $1 AND etag = $3 AND {NotExpired}
                """, request.Key, value, etag);
        }
        await using (command)
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw request.ETag is null
                    ? new InvalidOperationException($"no item was updated for key '{request.Key}' (first-write on an existing key)")
                    : new StateETagMismatchException(request.Key);
            }
        }
    }

    private async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StateDeleteRequest request, CancellationToken cancellationToken)
    {
        if (request.ETag is null)
        {
            await using var unconditional = Command(connection, transaction, $"DELETE FROM {_table} WHERE key = $1", request.Key);
            await unconditional.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        if (!Guid.TryParse(request.ETag, out var etag))
        {
            throw new StateETagMismatchException(request.Key);
        }
        await using var guarded = Command(connection, transaction, $"DELETE FROM {_table} WHERE key = $1 AND etag = $2", request.Key, etag);
        if (await guarded.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new StateETagMismatchException(request.Key);
        }
    }

    /// <summary>
    /// components-contrib's migration protocol: metadata(key, value) with a "lock" row held FOR UPDATE while
    /// migrating, so several sidecars starting together migrate once. Level 1 creates the table, level 2 adds row_id.
    /// </summary>
    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrationKey = "migrations-state-v2-" + _tablePrefix;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"CREATE TABLE IF NOT EXISTS {_metadataTable} (key text NOT NULL PRIMARY KEY, value text NOT NULL)", cancellationToken);
        await ExecuteAsync(connection, null, $"INSERT INTO {_metadataTable} (key, value) VALUES ('lock', 'lock') ON CONFLICT (key) DO NOTHING", cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT value FROM {_metadataTable} WHERE key = 'lock' FOR UPDATE", cancellationToken);
        await using var read = Command(connection, transaction, $"SELECT value FROM {_metadataTable} WHERE key = $1", migrationKey);
        var level = await read.ExecuteScalarAsync(cancellationToken) is string text && int.TryParse(text, CultureInfo.InvariantCulture, out var l) ? l : 0;
        if (level < 1)
        {
            await ExecuteAsync(connection, transaction, $"""
                CREATE TABLE IF NOT EXISTS {_table} (
                  key text NOT NULL PRIMARY KEY,
                  value bytea NOT NULL,
                  etag uuid NOT NULL DEFAULT gen_random_uuid(),
                  created_at timestamp with time zone NOT NULL DEFAULT now(),
                  updated_at timestamp with time zone,
                  expires_at timestamp with time zone
                );
                CREATE INDEX ON {_table} (expires_at);
                """, cancellationToken);
        }
        if (level < 2)
        {
            await ExecuteAsync(connection, transaction, $"""
                ALTER TABLE {_table} ADD COLUMN IF NOT EXISTS row_id BIGSERIAL;
                CREATE UNIQUE INDEX IF NOT EXISTS {_table.Replace('.', '_')}_row_id_idx ON {_table} (row_id);
                """, cancellationToken);
        }
        if (level < 2)
        {
            await using var record = Command(connection, transaction,
                $"INSERT INTO {_metadataTable} (key, value) VALUES ($1, '2') ON CONFLICT (key) DO UPDATE SET value = '2'", migrationKey);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The "last-cleanup-state-v2-&lt;prefix&gt;" row lets one of several sidecars sweep per interval, as in daprd.</summary>
    private async Task CleanupAsync()
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var claim = Command(connection, null, $"""
                INSERT INTO {_metadataTable} (key, value) VALUES ($1, now()::text)
                ON CONFLICT (key) DO UPDATE SET value = now()::text
                WHERE (EXTRACT('epoch' FROM now() - {_metadataTable}.value::timestamp with time zone) * 1000)::bigint > $2
                """, "last-cleanup-state-v2-" + _tablePrefix, (long)_cleanupInterval.TotalMilliseconds - 100);
            if (await claim.ExecuteNonQueryAsync() > 0)
            {
                await ExecuteAsync(connection, null, $"DELETE FROM {_table} WHERE expires_at IS NOT NULL AND expires_at < now()", CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException or InvalidOperationException)
        {
            // A missed sweep is harmless: reads already filter expired rows and the next tick retries.
        }
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = _timeoutSeconds };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        return command;
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cleanup is not null)
        {
            await _cleanup.DisposeAsync();
        }
        await _dataSource.DisposeAsync();
    }
}
