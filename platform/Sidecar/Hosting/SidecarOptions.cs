using System.Globalization;

namespace AmazonScale.Sidecar.Hosting;

/// <summary>
/// daprd's command-line flags and environment contract. Only flags that change behaviour here are kept;
/// the rest of daprd's flags are accepted and ignored so that launch scripts written for daprd run unchanged.
/// </summary>
public sealed record SidecarOptions
{
    public required string AppId { get; init; }
    public int? AppPort { get; init; }
    public string AppChannelAddress { get; init; } = "127.0.0.1";
    public int HttpPort { get; init; } = 3500;
    public int GrpcPort { get; init; } = 50001;
    public IReadOnlyList<string> ResourcesPaths { get; init; } = [];
    public string? ConfigPath { get; init; }
    public string? PlacementHostAddress { get; init; }
    public string LogLevel { get; init; } = "info";
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;
    public string? Namespace { get; init; }

    /// <summary>DAPR_API_TOKEN: required from callers of this sidecar's API when set.</summary>
    public string? ApiToken { get; init; }

    /// <summary>APP_API_TOKEN: sent to the app on every call the sidecar makes to it.</summary>
    public string? AppApiToken { get; init; }

    /// <summary>
    /// Folder shared by every sidecar of one machine or run (stand-in for daprd's mDNS and placement).
    /// From DAPR_LOCAL_REGISTRY; never seen by services.
    /// </summary>
    public required string RegistryDirectory { get; init; }

    private static readonly HashSet<string> IgnoredFlagsWithValue = new(StringComparer.Ordinal)
    {
        "app-protocol", "app-max-concurrency", "metrics-port", "profile-port", "dapr-internal-grpc-port",
        "dapr-listen-addresses", "sentry-address", "control-plane-address", "scheduler-host-address",
        "mode", "log-as-json", "enable-metrics", "app-health-check-path", "app-health-probe-interval",
        "app-health-probe-timeout", "app-health-threshold", "dapr-graceful-shutdown-seconds",
        "dapr-block-shutdown-duration", "read-buffer-size", "dapr-http-read-buffer-size", "enable-app-health-check",
        "enable-api-logging", "enable-profiling", "unix-domain-socket", "dapr-public-port", "dapr-public-listen-address",
    };

    public static SidecarOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-'))
            {
                throw new SidecarOptionsException($"Unexpected argument '{arg}'.");
            }

            // Go's flag package accepts -flag, --flag, -flag=value and --flag value; daprd users write all four.
            var name = arg.TrimStart('-');
            string? value = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            list.Add(value ?? "true");
        }

        string? Single(string name) => values.TryGetValue(name, out var v) ? v[^1] : null;

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "app-id", "app-port", "app-channel-address", "dapr-http-port", "dapr-grpc-port", "resources-path",
            "components-path", "config", "placement-host-address", "log-level", "dapr-http-max-request-size",
            "max-body-size",
        };
        var unknown = values.Keys.Where(k => !known.Contains(k) && !IgnoredFlagsWithValue.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new SidecarOptionsException($"Unknown flag(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }

        var appId = Single("app-id");
        if (string.IsNullOrWhiteSpace(appId))
        {
            throw new SidecarOptionsException("--app-id is required.");
        }
        if (appId.Contains("||", StringComparison.Ordinal) || appId.Contains('/'))
        {
            throw new SidecarOptionsException($"--app-id '{appId}' must not contain '||' or '/'.");
        }

        var resources = new List<string>();
        resources.AddRange(values.GetValueOrDefault("resources-path") ?? []);
        resources.AddRange(values.GetValueOrDefault("components-path") ?? []);

        return new SidecarOptions
        {
            AppId = appId,
            AppPort = ParsePort(Single("app-port"), "app-port", allowMissing: true),
            AppChannelAddress = Single("app-channel-address") ?? "127.0.0.1",
            HttpPort = ParsePort(Single("dapr-http-port") ?? environment("DAPR_HTTP_PORT"), "dapr-http-port", allowMissing: true) ?? 3500,
            GrpcPort = ParsePort(Single("dapr-grpc-port") ?? environment("DAPR_GRPC_PORT"), "dapr-grpc-port", allowMissing: true) ?? 50001,
            ResourcesPaths = resources,
            ConfigPath = Single("config"),
            PlacementHostAddress = Single("placement-host-address"),
            LogLevel = Single("log-level") ?? "info",
            MaxRequestBodyBytes = ParseBodySize(Single("max-body-size"), Single("dapr-http-max-request-size")),
            Namespace = NullIfEmpty(environment("NAMESPACE")),
            ApiToken = NullIfEmpty(environment("DAPR_API_TOKEN")),
            AppApiToken = NullIfEmpty(environment("APP_API_TOKEN")),
            RegistryDirectory = NullIfEmpty(environment("DAPR_LOCAL_REGISTRY"))
                ?? Path.Combine(Path.GetTempPath(), "dapr-local-registry"),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? ParsePort(string? value, string flag, bool allowMissing)
    {
        if (value is null && allowMissing)
        {
            return null;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            throw new SidecarOptionsException($"--{flag} must be a port number, got '{value}'.");
        }
        return port;
    }

    /// <summary>--max-body-size takes a quantity ("4Mi", "16M", "1024"); the older --dapr-http-max-request-size takes MB.</summary>
    private static long ParseBodySize(string? quantity, string? legacyMegabytes)
    {
        if (quantity is not null)
        {
            return ByteQuantity.Parse(quantity) ?? throw new SidecarOptionsException($"--max-body-size '{quantity}' is not a size such as 4Mi.");
        }
        if (legacyMegabytes is not null)
        {
            return int.TryParse(legacyMegabytes, CultureInfo.InvariantCulture, out var mb) && mb > 0
                ? mb * 1024L * 1024L
                : throw new SidecarOptionsException($"--dapr-http-max-request-size '{legacyMegabytes}' must be a positive number of MB.");
        }
        return 4 * 1024 * 1024;
    }
}
