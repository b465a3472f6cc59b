namespace AmazonScale.Hosting;

/// <summary>How this run of the AppHost behaves; parsed from the command line and environment.</summary>
public sealed record AppHostOptions
{
    public const string ProfileVariable = "APPHOST_PROFILE";
    public const string SidecarPathVariable = "APPHOST_SIDECAR_PATH";
    public const string OtlpEndpointVariable = "DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL";
    public const string DefaultProfile = "local";

    /// <summary>Directory of the AppHost .csproj; relative project paths resolve against it, as in Aspire.</summary>
    public required string AppHostDirectory { get; init; }

    /// <summary>Component profile: a folder name under the components root.</summary>
    public string Profile { get; init; } = DefaultProfile;

    public SidecarKind Sidecar { get; init; } = SidecarKind.Standalone;

    /// <summary>Build configuration whose outputs are launched (the AppHost's own).</summary>
    public string Configuration { get; init; } = "Debug";

    /// <summary>The dashboard's OTLP/HTTP receiver every resource exports to.</summary>
    public string OtlpEndpoint { get; init; } = "http://localhost:18890";

    /// <summary>The stand-in sidecar's project, relative to <see cref="AppHostDirectory"/>; its build output is launched.</summary>
    public string SidecarProjectPath { get; init; } = "../platform/Sidecar/Sidecar.csproj";

    /// <summary>Overrides where the stand-in sidecar's dll is looked up (tests use a fake one).</summary>
    public string? SidecarPath { get; init; }

    /// <summary>Folder for this run's data, component copies and sidecar registry; deleted on shutdown.</summary>
    public string RunDirectory { get; init; } = Path.Combine(
        Path.GetTempPath(), "amazonscale-aspire", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{System.Environment.ProcessId}");

    /// <summary>
    /// Reads <c>--profile local|redis|postgres</c> (or APPHOST_PROFILE) and <c>--sidecar standalone|daprd</c>.
    /// Unknown flags are left alone so an AppHost can add its own.
    /// </summary>
    public static AppHostOptions Parse(string[] args, string appHostDirectory, Func<string, string?> environment)
    {
        var options = new AppHostOptions
        {
            AppHostDirectory = appHostDirectory,
            Profile = environment(ProfileVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultProfile,
            SidecarPath = environment(SidecarPathVariable) is { Length: > 0 } sidecarPath ? sidecarPath : null,
            OtlpEndpoint = environment(OtlpEndpointVariable) is { Length: > 0 } otlp ? otlp : "http://localhost:18890",
        };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--profile":
                    options = options with { Profile = ValueAfter(args, ref i) };
                    break;
                case "--sidecar":
                    options = options with { Sidecar = ParseSidecar(ValueAfter(args, ref i)) };
                    break;
            }
        }
        return options;
    }

    private static string ValueAfter(string[] args, ref int index)
    {
        if (index + 1 >= args.Length || args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[index]} needs a value.");
        }
        return args[++index];
    }

    private static SidecarKind ParseSidecar(string value) => value.ToLowerInvariant() switch
    {
        "standalone" => SidecarKind.Standalone,
        "daprd" => SidecarKind.Daprd,
        _ => throw new ArgumentException($"--sidecar must be 'standalone' or 'daprd', not '{value}'."),
    };
}
