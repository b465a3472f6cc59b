using System.Reflection;

namespace AmazonScale.Hosting;

/// <summary>Facts the AppHost build stamps into its own assembly (as Aspire's AppHost SDK does).</summary>
internal static class AppHostAssembly
{
    public const string ProjectDirectoryKey = "AppHostProjectDirectory";

    public static string? ProjectDirectory => Assembly.GetEntryAssembly()?
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == ProjectDirectoryKey)?.Value;

    /// <summary>Debug or Release: the AppHost launches the outputs of the configuration it was built in.</summary>
    public static string Configuration =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";
}
