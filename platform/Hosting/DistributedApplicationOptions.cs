namespace AmazonScale.Hosting;

/// <summary>Inputs to <see cref="DistributedApplication.CreateBuilder(DistributedApplicationOptions)"/>.</summary>
public sealed record DistributedApplicationOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Defaults to the AppHostProjectDirectory metadata the AppHost build stamps into its assembly.</summary>
    public string? AppHostDirectory { get; init; }
}
