using AmazonScale.Sidecar.Components;
using Npgsql;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>
/// daprd's PostgreSQL components take pgx connection strings: "host=… port=… user=… password=… dbname=…"
/// (space separated, values optionally single-quoted) or a postgres:// URL. Npgsql wants its own
/// "Host=…;Port=…" form, so both are translated; an Npgsql-style string (with ';') passes through.
/// </summary>
public static class PostgresConnectionString
{
    public static string ToNpgsql(ComponentResource resource, string connectionString)
    {
        if (connectionString.Contains(';', StringComparison.Ordinal))
        {
            return connectionString;
        }
        var builder = new NpgsqlConnectionStringBuilder();
        var pairs = connectionString.StartsWith("postgres://", StringComparison.Ordinal) || connectionString.StartsWith("postgresql://", StringComparison.Ordinal)
            ? FromUrl(new Uri(connectionString))
            : FromKeywords(connectionString);
        foreach (var (name, value) in pairs)
        {
            switch (name)
            {
                case "host" or "hostaddr": builder.Host = value; break;
                case "port": builder.Port = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "user": builder.Username = value; break;
                case "password": builder.Password = value; break;
                case "dbname" or "database": builder.Database = value; break;
                case "sslmode": builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true); break;
                case "connect_timeout": builder.Timeout = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "application_name": builder.ApplicationName = value; break;
                case "pool_max_conns": builder.MaxPoolSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "pool_min_conns": builder.MinPoolSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "search_path": builder.SearchPath = value; break;
                default: break; // pgx-only tuning knobs (pool_max_conn_lifetime, …) have no Npgsql meaning here.
            }
        }
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ComponentException(resource, "connectionString has no host");
        }
        return builder.ConnectionString;
    }

    private static IEnumerable<(string Name, string Value)> FromUrl(Uri url)
    {
        yield return ("host", url.Host);
        if (!url.IsDefaultPort && url.Port > 0)
        {
            yield return ("port", url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var userInfo = url.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            yield return ("user", Uri.UnescapeDataString(userInfo[0]));
        }
        if (userInfo.Length > 1)
        {
            yield return ("password", Uri.UnescapeDataString(userInfo[1]));
        }
        if (url.AbsolutePath.Trim('/') is { Length: > 0 } database)
        {
            yield return ("dbname", Uri.UnescapeDataString(database));
        }
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            yield return (parts[0], parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
        }
    }

    private static IEnumerable<(string Name, string Value)> FromKeywords(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                yield break;
            }
            var name = text[i..equals].Trim();
            i = equals + 1;
            var value = new System.Text.StringBuilder();
            if (i < text.Length && text[i] == '\'')
            {
                for (i++; i < text.Length && text[i] != '\''; i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }
                i++;
            }
            else
            {
                for (; i < text.Length && !char.IsWhiteSpace(text[i]); i++)
                {
                    value.Append(text[i]);
                }
            }
            yield return (name, value.ToString());
        }
    }
}
