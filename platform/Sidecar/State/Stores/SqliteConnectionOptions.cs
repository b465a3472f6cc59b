using Microsoft.Data.Sqlite;
using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// Turns state.sqlite's connectionString (a path, a "file:" URI with Go-driver query options, or ":memory:")
/// into a Microsoft.Data.Sqlite connection string. Like components-contrib, busy_timeout and journal_mode are
/// owned by the busyTimeout/disableWAL metadata and rejected inside the connection string.
/// </summary>
public sealed record SqliteConnectionOptions(string ConnectionString, bool InMemory, bool ReadOnly)
{
    public static SqliteConnectionOptions Parse(ComponentResource resource)
    {
        var raw = resource.Require("connectionString");
        var lower = raw.ToLowerInvariant();
        var inMemory = lower.StartsWith(":memory:", StringComparison.Ordinal) || lower.StartsWith("file::memory:", StringComparison.Ordinal);
        var queryStart = raw.IndexOf('?');
        var location = queryStart >= 0 ? raw[..queryStart] : raw;
        var query = queryStart >= 0 ? raw[(queryStart + 1)..] : "";

        var readOnly = false;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = pair.IndexOf('=') is var eq and >= 0 ? (pair[..eq], Uri.UnescapeDataString(pair[(eq + 1)..])) : (pair, "");
            if (name == "_pragma" && (value.StartsWith("busy_timeout", StringComparison.OrdinalIgnoreCase) || value.StartsWith("journal_mode", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ComponentException(resource, $"connectionString must not set _pragma={value}; use the busyTimeout / disableWAL metadata instead");
            }
            readOnly |= (name == "mode" && value == "ro") || (name == "immutable" && value == "1");
            if (name == "mode" && value == "memory")
            {
                inMemory = true;
            }
        }

        var builder = new SqliteConnectionStringBuilder { Pooling = false };
        if (inMemory)
        {
            // One private shared-cache database per component instance, kept alive by the store's open connection.
            builder.DataSource = $"dapr-state-{resource.Name}-{Guid.NewGuid():N}";
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            var path = location.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(location[5..]) : location;
            builder.DataSource = path;
            builder.Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate;
        }
        return new SqliteConnectionOptions(builder.ConnectionString, inMemory, readOnly);
    }
}
