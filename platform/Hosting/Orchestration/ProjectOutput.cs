using System.Xml.Linq;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>Where `dotnet build` put a project's dll, so it can be launched without `dotnet run` (no rebuild per process).</summary>
public static class ProjectOutput
{
    public static string TargetFramework { get; } = $"net{Environment.Version.Major}.0";

    public static string DllPath(string projectPath, string configuration)
    {
        var directory = Path.GetDirectoryName(projectPath)!;
        return Path.Combine(directory, "bin", configuration, TargetFramework, AssemblyName(projectPath) + ".dll");
    }

    /// <summary>The project's AssemblyName property, else its file name (the SDK default).</summary>
    public static string AssemblyName(string projectPath)
    {
        if (File.Exists(projectPath)
            && XDocument.Load(projectPath).Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value is { Length: > 0 } name)
        {
            return name;
        }
        return Path.GetFileNameWithoutExtension(projectPath);
    }
}
