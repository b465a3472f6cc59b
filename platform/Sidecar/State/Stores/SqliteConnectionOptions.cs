using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// Turns state.sqlite's connectionString (a path, a "file:" URI with Go-driver query options, or ":memory:")
/// into a Microsoft.Data.Sqlite connection string, plus the <c>_pragma=name(value)</c> options that daprd's driver runs
/// on the connection it opens (<see cref="Pragmas"/>, e.g. <c>synchronous(NORMAL)</c>). Like components-contrib,
/// busy_timeout and journal_mode are owned by the busyTimeout/disableWAL metadata and rejected inside the connection string.
/// </summary>
public sealed partial record SqliteConnectionOptions(string ConnectionString, bool InMemory, bool ReadOnly, IReadOnlyList<string> Pragmas)
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
        var pragmas = new List<string>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = pair.IndexOf('=') is var eq and >= 0 ? (pair[..eq], Uri.UnescapeDataString(pair[(eq + 1)..])) : (pair, "");
            if (name == "_pragma" && (value.StartsWith("busy_timeout", StringComparison.OrdinalIgnoreCase) || value.StartsWith("journal_mode", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ComponentException(resource, $"connectionString must not set _pragma={value}; use the busyTimeout / disableWAL metadata instead");
            }
            if (name == "_pragma")
            {
                pragmas.Add(PragmaStatement(resource, value));
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
        return new SqliteConnectionOptions(builder.ConnectionString, inMemory, readOnly, pragmas);
    }

    /// <summary>
    /// <c>name(value)</c>, <c>name=value</c> or a bare <c>name</c> runs as <c>PRAGMA</c> followed by that text. The text
    /// ends up in SQL, so only a pragma name with a plain word or number argument is accepted; anything else fails the
    /// component's load.
    /// </summary>
    private static string PragmaStatement(ComponentResource resource, string value) =>
        PragmaSyntax().IsMatch(value)
            ? $"PRAGMA {value}"
            : throw new ComponentException(resource, $"connectionString has _pragma={value}: expected name(value) with a word or number value, e.g. _pragma=synchronous(NORMAL)");

    [GeneratedRegex(@"^[A-Za-z_]+(\(-?[A-Za-z0-9_]+\)|=-?[A-Za-z0-9_]+)?$")]
    private static partial Regex PragmaSyntax();
}
