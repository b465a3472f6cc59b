using System.Security.Cryptography;
using AmazonScale.Dashboard.Telemetry;

namespace AmazonScale.Dashboard;

/// <summary>How the AppHost runs the dashboard. Defaults match the Aspire dashboard's well-known ports.</summary>
public sealed record DashboardOptions
{
    public const string AllowAnonymousVariable = "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS";

    /// <summary>Browser UI and JSON API port; 0 picks a free port (tests).</summary>
    public int UiPort { get; init; } = 18888;

    /// <summary>OTLP/HTTP receiver port; 0 picks a free port (tests).</summary>
    public int OtlpHttpPort { get; init; } = 18890;

    /// <summary>Secret for /login?t=…, the auth cookie and <c>Authorization: Bearer</c> API calls.</summary>
    public string BrowserToken { get; init; } = CreateToken();

    /// <summary>OTLP/gRPC receiver port (HTTP/2 without TLS); 0 picks a free port (tests).</summary>
    public int OtlpGrpcPort { get; init; } = 18889;

    /// <summary>When true, pages and APIs need no login (local demos, CI scripts).</summary>
    public bool AllowAnonymous { get; init; }

    /// <summary>When set, OTLP requests must carry it in the <c>x-otlp-api-key</c> header (Aspire's OTLP ApiKey mode).</summary>
    public string? OtlpApiKey { get; init; }

    public TelemetryLimits Limits { get; init; } = new();

    /// <summary>Defaults plus <see cref="AllowAnonymousVariable"/> from the process environment.</summary>
    public static DashboardOptions FromEnvironment() => new()
    {
        AllowAnonymous = string.Equals(
            Environment.GetEnvironmentVariable(AllowAnonymousVariable), "true", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>128 random bits, hex encoded: unguessable and safe in a URL.</summary>
    public static string CreateToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
