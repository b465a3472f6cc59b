using System.Globalization;
using AmazonScale.Sidecar.Components;
using Npgsql;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// What both state.postgresql versions share with components-contrib: the connection pool and timeout, the
/// migration protocol (metadata table, a "lock" row held FOR UPDATE so concurrent sidecars migrate once, the
/// level stored under a per-version key) and the interval-gated sweep of expired rows.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _timeoutSeconds;
    private ITimer? _cleanup;

    private PostgresDatabase(NpgsqlDataSource dataSource, string metadataTable, TimeSpan timeout)
    {
        _dataSource = dataSource;
        MetadataTable = metadataTable;
        _timeoutSeconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
    }

    public string MetadataTable { get; }

    public static PostgresDatabase Open(ComponentResource resource) => new(
        NpgsqlDataSource.Create(PostgresConnectionString.ToNpgsql(resource, resource.Require("connectionString"))),
        SqlIdentifier.Get(resource, "metadataTableName", "dapr_metadata"),
        MetadataDuration.Get(resource, "timeout", TimeSpan.FromSeconds(20)));

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = _timeoutSeconds };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter });
        }
        return command;
    }

    public async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs the operations in one database transaction: all apply or, on the first exception, none do.</summary>
    public async Task InTransactionAsync<T>(IEnumerable<T> items, Func<NpgsqlConnection, NpgsqlTransaction, T, Task> apply, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var item in items)
        {
            await apply(connection, transaction, item);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the migrations above the recorded level (steps[0] is level 1) under the lock row, then records the new level.</summary>
    public async Task MigrateAsync(string migrationKey, IReadOnlyList<string> steps, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"CREATE TABLE IF NOT EXISTS {MetadataTable} (key text NOT NULL PRIMARY KEY, value text NOT NULL)", cancellationToken);
        await ExecuteAsync(connection, null, $"INSERT INTO {MetadataTable} (key, value) VALUES ('lock', 'lock') ON CONFLICT (key) DO NOTHING", cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT value FROM {MetadataTable} WHERE key = 'lock' FOR UPDATE", cancellationToken);
        await using var read = Command(connection, transaction, $"SELECT value FROM {MetadataTable} WHERE key = $1", migrationKey);
        var level = await read.ExecuteScalarAsync(cancellationToken) is string text && int.TryParse(text, CultureInfo.InvariantCulture, out var l) ? l : 0;
        if (level < steps.Count)
        {
            foreach (var step in steps.Skip(level))
            {
                await ExecuteAsync(connection, transaction, step, cancellationToken);
            }
            var reached = steps.Count.ToString(CultureInfo.InvariantCulture);
            await ExecuteAsync(connection, transaction, $"INSERT INTO {MetadataTable} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2", cancellationToken, migrationKey, reached);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Every interval, claims the "last-cleanup…" row only if the previous sweep is older than the interval (so one
    /// of several sidecars sweeps) and then deletes expired rows, as components-contrib's garbage collector does.
    /// </summary>
    public void ScheduleCleanup(TimeProvider time, TimeSpan interval, string claimKey, string deleteExpiredSql)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        _cleanup = time.CreateTimer(_ => _ = CleanupAsync(interval, claimKey, deleteExpiredSql), null, interval, interval);
    }

    private async Task CleanupAsync(TimeSpan interval, string claimKey, string deleteExpiredSql)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(CancellationToken.None);
            var claimed = await ExecuteAsync(connection, null, $"""
                INSERT INTO {MetadataTable} (key, value) VALUES ($1, now()::text)
                ON CONFLICT (key) DO UPDATE SET value = now()::text
                WHERE (EXTRACT('epoch' FROM now() - {MetadataTable}.value::timestamp with time zone) * 1000)::bigint > $2
                """, CancellationToken.None, claimKey, (long)interval.TotalMilliseconds - 100);
            if (claimed > 0)
            {
                await ExecuteAsync(connection, null, deleteExpiredSql, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException or InvalidOperationException)
        {
            // A missed sweep is harmless: reads already filter expired rows and the next tick retries.
        }
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
