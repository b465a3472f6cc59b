using AmazonScale.Hosting.ApplicationModel;
using AmazonScale.Hosting.Orchestration;
using AmazonScale.Hosting.Servers;

namespace AmazonScale.Hosting;

/// <summary>Collects the app model; <see cref="Build"/> turns it into a runnable application.</summary>
public sealed class DistributedApplicationBuilder
{
    public const string ComponentsResourceName = "dapr-components";

    internal DistributedApplicationBuilder(AppHostOptions options)
    {
        Options = options;
        Dashboard = new InProcessDashboard(options);
    }

    public AppHostOptions Options { get; }

    public DistributedApplicationModel Model { get; } = new();

    /// <summary>Started before the resources and given their live state; the in-process dashboard unless replaced (null: none).</summary>
    public IDashboardHost? Dashboard { get; set; }

    /// <summary>Stop grace period, restart back-off and probe intervals.</summary>
    public SupervisorSettings Supervision { get; set; } = new();

    /// <summary>Where progress lines and the "started" banner go.</summary>
    public IProgressReporter Reporter { get; set; } = new ConsoleProgressReporter();

    /// <summary>
    /// Loads <paramref name="componentsRoot"/>/&lt;profile&gt; for every sidecar and adds the servers that profile
    /// needs (redis-server for "redis", PostgreSQL for "postgres"), wired as references the YAML placeholders read.
    /// </summary>
    public IResourceBuilder<DaprComponentsResource> AddDaprComponents(string componentsRoot)
    {
        var sourceDirectory = Path.Combine(ResolvePath(componentsRoot), Options.Profile);
        var components = new ResourceBuilder<DaprComponentsResource>(
            Model.Add(new DaprComponentsResource(ComponentsResourceName, Options.Profile, sourceDirectory)), this);

        foreach (var server in ProfileServers.For(this, Options.Profile))
        {
            components.WithReference(server).WaitFor(server);
        }
        return components;
    }

    /// <summary>
    /// A project built by the AppHost build, on the http port of its launch profile: <paramref name="launchProfileName"/>,
    /// or by default "http" (else the first profile that runs the project). Naming another profile lets a second
    /// resource of the same project (e.g. another role of one app) listen on its own fixed port.
    /// </summary>
    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath, string? launchProfileName = null)
    {
        var fullPath = ResolvePath(projectPath);
        var port = LaunchSettings.ReadHttpPort(Path.GetDirectoryName(fullPath)!, launchProfileName);
        return new ResourceBuilder<ProjectResource>(Model.Add(new ProjectResource(name, fullPath, port)), this);
    }

    public IResourceBuilder<ExecutableResource> AddExecutable(string name, string command, string workingDirectory, params string[] args)
    {
        var executable = new ExecutableResource(name, command, ResolvePath(workingDirectory)) { Arguments = _ => args };
        return new ResourceBuilder<ExecutableResource>(Model.Add(executable), this);
    }

    public DistributedApplication Build() => new(Model, Options, Dashboard, Supervision, Reporter);

    private string ResolvePath(string path) => Path.GetFullPath(Path.Combine(Options.AppHostDirectory, path));
}
