using System.Globalization;
using System.Text;
using System.Text.Json;
using AmazonScale.Sidecar.Components;
using Npgsql;
using NpgsqlTypes;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// state.postgresql v1 with components-contrib's schema: state(key, value jsonb, isbinary, insertdate, updatedate,
/// expiredate, row_id). JSON values are stored as jsonb; gRPC bytes as a JSON string of their base64 with
/// isbinary = true. The ETag is the row's xmin (a uint32 as text), so a non-numeric ETag is ETagInvalid. Reads
/// return jsonb as PostgreSQL prints it (e.g. {"a": 1}), exactly what daprd returns from this store.
/// </summary>
public sealed class PostgresV1StateStore : IStateStore, IComponentCapabilities, IAsyncDisposable
{
    private const string NotExpired = "(expiredate IS NULL OR expiredate >= CURRENT_TIMESTAMP)";

    private readonly PostgresDatabase _database;
    private readonly string _table;

    private PostgresV1StateStore(PostgresDatabase database, string table, IReadOnlyList<string> capabilities)
    {
        _database = database;
        _table = table;
        Capabilities = capabilities;
    }

    public IReadOnlyList<string> Capabilities { get; }

    public static async Task<PostgresV1StateStore> OpenAsync(ComponentResource resource, TimeProvider time, CancellationToken cancellationToken)
    {
        var table = SqlIdentifier.Get(resource, "tableName", "state");
        var database = PostgresDatabase.Open(resource);
        try
        {
            await database.MigrateAsync("migrations",
            [
                $"""
                CREATE TABLE IF NOT EXISTS {table} (
                  key text NOT NULL PRIMARY KEY,
                  value jsonb NOT NULL,
                  isbinary boolean NOT NULL,
                  insertdate TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
                  updatedate TIMESTAMP WITH TIME ZONE NULL
                )
                """,
                $"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS expiredate TIMESTAMP WITH TIME ZONE",
                PostgresStateStore.RowIdMigration(table),
            ], cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        database.ScheduleCleanup(time, MetadataDuration.Get(resource, "cleanupInterval", TimeSpan.FromHours(1)), "last-cleanup",
            $"DELETE FROM {table} WHERE expiredate IS NOT NULL AND expiredate < now()");
        return new PostgresV1StateStore(database, table, StateCapabilities.Of(resource));
    }

    public async Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = _database.Command(connection, null, $"SELECT value::text, isbinary, xmin::text, expiredate FROM {_table} WHERE key = $1 AND {NotExpired}", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var isBinary = reader.GetBoolean(1);
        var json = reader.GetString(0);
        var value = isBinary ? Convert.FromBase64String(JsonSerializer.Deserialize<string>(json)!) : Encoding.UTF8.GetBytes(json);
        DateTimeOffset? expires = reader.IsDBNull(3) ? null : new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero);
        return new StateEntry(value, isBinary, reader.GetString(2), expires);
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
        var expiry = PostgresStateStore.ExpiryExpression(request, "CURRENT_TIMESTAMP");
        var value = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonText(request.Value) };
        int updated;
        if (request.ETag is null)
        {
            var onlyExpired = request.Concurrency == StateConcurrency.FirstWrite ? " WHERE (t.expiredate IS NOT NULL AND t.expiredate < CURRENT_TIMESTAMP)" : "";
            updated = await _database.ExecuteAsync(connection, transaction, $"""
                INSERT INTO {_table} AS t (key, value, isbinary, expiredate) VALUES ($1, $2, $3, {expiry})
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, isbinary = excluded.isbinary, updatedate = CURRENT_TIMESTAMP, expiredate = {expiry}{onlyExpired}
                """, cancellationToken, request.Key, value, request.Value.IsBinary);
        }
        else
        {
            updated = await _database.ExecuteAsync(connection, transaction, $"""
                UPDATE {_table} SET value = $2, isbinary = $3, updatedate = CURRENT_TIMESTAMP, expiredate = {expiry}
                WHERE key = $1 AND xmin::text = $4 AND (expiredate IS NULL OR expiredate > CURRENT_TIMESTAMP)
                """, cancellationToken, request.Key, value, request.Value.IsBinary, Xmin(request.Key, request.ETag));
        }
        PostgresStateStore.ThrowUnlessOneRow(updated, request);
    }

    private async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StateDeleteRequest request, CancellationToken cancellationToken)
    {
        if (request.ETag is null)
        {
            await _database.ExecuteAsync(connection, transaction, $"DELETE FROM {_table} WHERE key = $1", cancellationToken, request.Key);
            return;
        }
        var deleted = await _database.ExecuteAsync(connection, transaction, $"DELETE FROM {_table} WHERE key = $1 AND xmin::text = $2", cancellationToken, request.Key, Xmin(request.Key, request.ETag));
        if (deleted != 1)
        {
            throw new StateETagMismatchException(request.Key);
        }
    }

    /// <summary>Binary values become the JSON string of their base64, as Go marshals a base64 string.</summary>
    private static string JsonText(StateValue value) =>
        value.IsBinary ? $"\"{Convert.ToBase64String(value.Bytes.Span)}\"" : Encoding.UTF8.GetString(value.Bytes.Span);

    private static string Xmin(string key, string etag) =>
        uint.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var xmin)
            ? xmin.ToString(CultureInfo.InvariantCulture)
            : throw new StateETagInvalidException(key, etag);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
