namespace AmazonScale.Hosting.ApplicationModel;

/// <summary>A .NET project the AppHost build has compiled; launched as <c>dotnet &lt;its dll&gt;</c>.</summary>
public sealed class ProjectResource(string name, string projectPath, int? launchProfilePort) : Resource(name)
{
    public override string Type => "Project";

    /// <summary>Absolute path of the .csproj.</summary>
    public string ProjectPath { get; } = projectPath;

    public string ProjectDirectory => Path.GetDirectoryName(ProjectPath)!;

    /// <summary>The http port of Properties/launchSettings.json; the first replica keeps it so .http files work.</summary>
    public int? LaunchProfilePort { get; } = launchProfilePort;

    public DaprSidecarResource? DaprSidecar { get; internal set; }
}
