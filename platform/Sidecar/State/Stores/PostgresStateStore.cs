using System.Globalization;
using AmazonScale.Sidecar.Components;
using Npgsql;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// state.postgresql v2 with components-contrib's schema: &lt;tablePrefix&gt;state(key, value bytea, etag uuid,
/// created_at, updated_at, expires_at, row_id) with an index on expires_at, values stored as their bytes, a new
/// UUID ETag per write (gen_random_uuid()), upserts with INSERT … ON CONFLICT, ETag writes as a guarded UPDATE,
/// migrations recorded under "migrations-state-v2-&lt;prefix&gt;". An ETag that is not a UUID simply never
/// matches (the real component reports it as a mismatch too).
/// </summary>
public sealed class PostgresStateStore : IStateStore, IComponentCapabilities, IAsyncDisposable
{
    private const string NotExpired = "(expires_at IS NULL OR expires_at >= now())";

    private readonly PostgresDatabase _database;
    private readonly string _table;

    private PostgresStateStore(PostgresDatabase database, string table, IReadOnlyList<string> capabilities)
    {
        _database = database;
        _table = table;
        Capabilities = capabilities;
    }

    public IReadOnlyList<string> Capabilities { get; }

    public static async Task<PostgresStateStore> OpenAsync(ComponentResource resource, TimeProvider time, CancellationToken cancellationToken)
    {
        var prefix = resource.Get("tablePrefix") ?? "";
        var table = SqlIdentifier.Validate(resource, "tablePrefix", prefix + "state");
        var database = PostgresDatabase.Open(resource);
        try
        {
            await database.MigrateAsync("migrations-state-v2-" + prefix,
            [
                $"""
                CREATE TABLE IF NOT EXISTS {table} (
                  key text NOT NULL PRIMARY KEY,
                  value bytea NOT NULL,
                  etag uuid NOT NULL DEFAULT gen_random_uuid(),
                  created_at timestamp with time zone NOT NULL DEFAULT now(),
                  updated_at timestamp with time zone,
                  expires_at timestamp with time zone
                );
                CREATE INDEX ON {table} (expires_at);
                """,
                RowIdMigration(table),
            ], cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        database.ScheduleCleanup(time, MetadataDuration.Get(resource, "cleanupInterval", TimeSpan.FromHours(1)), "last-cleanup-state-v2-" + prefix,
            $"DELETE FROM {table} WHERE expires_at IS NOT NULL AND expires_at < now()");
        return new PostgresStateStore(database, table, StateCapabilities.Of(resource));
    }

    /// <summary>Both versions' last migration: a unique, increasing row_id used by daprd's key listing.</summary>
    internal static string RowIdMigration(string table) => $"""
        ALTER TABLE {table} ADD COLUMN IF NOT EXISTS row_id BIGSERIAL;
        CREATE UNIQUE INDEX IF NOT EXISTS {table.Replace('.', '_')}_row_id_idx ON {table} (row_id);
        """;

    public async Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = _database.Command(connection, null, $"SELECT value, etag, expires_at FROM {_table} WHERE key = $1 AND {NotExpired}", key);
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
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await SetAsync(connection, null, request, cancellationToken);
    }

    public async Task DeleteAsync(StateDeleteRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await DeleteAsync(connection, null, request, cancellationToken);
    }

    public Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken) =>
        _database.InTransactionAsync(operations, (connection, transaction, operation) => operation switch
        {
            StateUpsert upsert => SetAsync(connection, transaction, upsert.Request, cancellationToken),
            StateDelete delete => DeleteAsync(connection, transaction, delete.Request, cancellationToken),
            _ => throw new ArgumentException($"unknown operation {operation.GetType().Name}", nameof(operations)),
        }, cancellationToken);

    private async Task SetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StateSetRequest request, CancellationToken cancellationToken)
    {
        var expiresAt = ExpiryExpression(request, "now()");
        var value = request.Value.Bytes.ToArray();
        int updated;
        if (request.ETag is null)
        {
            // First-write still upserts, but only over a row that has expired and not yet been swept.
            var onlyExpired = request.Concurrency == StateConcurrency.FirstWrite ? " WHERE (t.expires_at IS NOT NULL AND t.expires_at < now())" : "";
            updated = await _database.ExecuteAsync(connection, transaction, $"""
                INSERT INTO {_table} AS t (key, value, etag, expires_at) VALUES ($1, $2, gen_random_uuid(), {expiresAt})
                ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = now(), etag = gen_random_uuid(), expires_at = {expiresAt}{onlyExpired}
                """, cancellationToken, request.Key, value);
        }
        else
        {
            var etag = Guid.TryParse(request.ETag, out var parsed) ? parsed : throw new StateETagMismatchException(request.Key);
            updated = await _database.ExecuteAsync(connection, transaction, $"""
                UPDATE {_table} SET value = $2, updated_at = now(), etag = gen_random_uuid(), expires_at = {expiresAt}
                WHERE key = $1 AND etag = $3 AND {NotExpired}
                """, cancellationToken, request.Key, value, etag);
        }
        ThrowUnlessOneRow(updated, request);
    }

    private async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StateDeleteRequest request, CancellationToken cancellationToken)
    {
        if (request.ETag is null)
        {
            await _database.ExecuteAsync(connection, transaction, $"DELETE FROM {_table} WHERE key = $1", cancellationToken, request.Key);
            return;
        }
        var etag = Guid.TryParse(request.ETag, out var parsed) ? parsed : throw new StateETagMismatchException(request.Key);
        if (await _database.ExecuteAsync(connection, transaction, $"DELETE FROM {_table} WHERE key = $1 AND etag = $2", cancellationToken, request.Key, etag) == 0)
        {
            throw new StateETagMismatchException(request.Key);
        }
    }

    /// <summary>The expiry column value for a write: "&lt;now&gt; + interval 'N seconds'" for a positive TTL, else NULL.</summary>
    internal static string ExpiryExpression(StateSetRequest request, string now) =>
        request.Ttl is { } ttl && ttl > TimeSpan.Zero
            ? $"{now} + interval '{((long)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture)} seconds'"
            : "NULL";

    /// <summary>Like components-contrib: no row touched is an ETag mismatch with an ETag, else the generic "no item was updated" (first-write).</summary>
    internal static void ThrowUnlessOneRow(int updated, StateSetRequest request)
    {
        if (updated != 1)
        {
            throw request.ETag is null
                ? new InvalidOperationException($"no item was updated for key '{request.Key}' (first-write on an existing key)")
                : new StateETagMismatchException(request.Key);
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
