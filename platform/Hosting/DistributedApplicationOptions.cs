namespace AmazonScale.Hosting;

/// <summary>Inputs to <see cref="DistributedApplication.CreateBuilder(DistributedApplicationOptions)"/>.</summary>
public sealed record DistributedApplicationOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Defaults to the AppHostProjectDirectory metadata the AppHost build stamps into its assembly.</summary>
    public string? AppHostDirectory { get; init; }

    /// <summary>Build configuration to launch; defaults to the AppHost's own.</summary>
    public string? Configuration { get; init; }

    /// <summary>Reads APPHOST_PROFILE and friends; defaults to the process environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
