using AmazonScale.Hosting.ApplicationModel;
using AmazonScale.Hosting.Dapr;
using AmazonScale.Hosting.Processes;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>The instances to run, or the reasons the run cannot start (missing build output, binary, profile).</summary>
public sealed record LaunchPlan(IReadOnlyList<ResourceInstance> Instances, IReadOnlyList<string> Problems);

/// <summary>
/// Turns the app model into instances: one per replica (plus its sidecar), with ports, environment, health
/// probes and dependencies decided up front so every problem is reported before anything starts.
/// </summary>
internal sealed class LaunchPlanner(AppHostOptions options, PortAllocator ports, HttpClient probeClient)
{
    private readonly RunPaths _paths = new(options.RunDirectory);
    private readonly List<string> _problems = [];
    private readonly Dictionary<Resource, List<ResourceInstance>> _instances = [];
    private readonly Dictionary<ProjectResource, int[]> _projectPorts = [];
    private readonly Dictionary<DaprSidecarResource, SidecarPorts[]> _sidecarPorts = [];
    private readonly Dictionary<ExecutableResource, ExecutableContext> _executables = [];

    private readonly record struct SidecarPorts(int Http, int Grpc, int Metrics);

    public RunPaths Paths => _paths;

    public LaunchPlan Plan(DistributedApplicationModel model)
    {
        AllocatePorts(model);
        foreach (var resource in model.Resources)
        {
            _instances[resource] = CreateInstances(resource).ToList();
        }
        foreach (var (resource, instances) in _instances)
        {
            var references = resource.References.Concat(resource.WaitsFor).Select(r => r.Name).Distinct().ToList();
            for (var replica = 0; replica < instances.Count; replica++)
            {
                instances[replica].Dependencies = DependenciesOf(resource, replica);
                instances[replica].Describe(instances[replica].Snapshot.Environment, references);
            }
        }
        return new LaunchPlan([.. _instances.Values.SelectMany(i => i)], _problems);
    }

    private void AllocatePorts(DistributedApplicationModel model)
    {
        foreach (var project in model.Projects)
        {
            if (project.LaunchProfilePort is { } fixedPort)
            {
                ports.Reserve(fixedPort);
                if (!PortAllocator.IsFree(fixedPort))
                {
                    AddProblem($"{project.Name}: port {fixedPort} of its launch profile is already in use.");
                }
            }
        }
        foreach (var resource in model.Resources)
        {
            switch (resource)
            {
                case ProjectResource project:
                    _projectPorts[project] = [.. Enumerable.Range(0, project.Replicas)
                        .Select(i => i == 0 && project.LaunchProfilePort is { } port ? port : ports.Allocate())];
                    break;
                case DaprSidecarResource sidecar:
                    _sidecarPorts[sidecar] = [.. Enumerable.Range(0, sidecar.Replicas)
                        .Select(_ => new SidecarPorts(ports.Allocate(), ports.Allocate(), ports.Allocate()))];
                    break;
                case ExecutableResource executable:
                    _executables[executable] = new ExecutableContext(
                        executable.HasEndpoint ? executable.EndpointPort ?? ports.Allocate() : 0,
                        _paths.DataOf(executable.Name),
                        ResolveCommand(executable));
                    break;
            }
            if (resource.Replicas > 1 && resource is not (ProjectResource or DaprSidecarResource))
            {
                AddProblem($"{resource.Name}: only projects can have replicas.");
            }
        }
    }

    private IEnumerable<ResourceInstance> CreateInstances(Resource resource) => resource switch
    {
        ProjectResource project => Enumerable.Range(0, project.Replicas).Select(i => CreateProject(project, i)),
        DaprSidecarResource sidecar => Enumerable.Range(0, sidecar.Replicas).Select(i => CreateSidecar(sidecar, i)),
        ExecutableResource executable => [CreateExecutable(executable)],
        DaprComponentsResource components => [CreateComponents(components)],
        _ => throw new NotSupportedException($"No launcher for {resource}."),
    };

    private static string InstanceName(Resource resource, int replica) => resource.Replicas == 1 ? resource.Name : $"{resource.Name}-{replica}";

    private ResourceInstance CreateProject(ProjectResource project, int replica)
    {
        var dll = ProjectOutput.DllPath(project.ProjectPath, options.Configuration);
        if (!File.Exists(dll))
        {
            AddProblem($"{project.Name}: {dll} not found; build first with `dotnet build` of the AppHost project.");
        }

        var port = _projectPorts[project][replica];
        var name = InstanceName(project, replica);
        var environment = EnvironmentContract.ForProject(
            new ProjectLaunch(
                project.Name,
                name,
                Url(port),
                project.References.OfType<ProjectResource>().ToDictionary(r => r.Name, r => (IReadOnlyList<string>)[.. _projectPorts[r].Select(Url)]),
                project.References.OfType<ExecutableResource>().Where(r => r.ConnectionString is not null)
                    .ToDictionary(r => r.Name, r => r.ConnectionString!(_executables[r])),
                project.DaprSidecar is { } sidecar ? SidecarLaunchOf(sidecar, replica) : null,
                project.Environment),
            options.OtlpEndpoint);

        var probe = project.HealthCheckPath is { } path ? new HttpHealthProbe(probeClient, new Uri($"http://127.0.0.1:{port}{path}")) : null;
        var spec = new LaunchSpec("dotnet", [dll], project.ProjectDirectory, environment);
        return Described(new ResourceInstance(project, name, [Url(port)], probe, _ => Task.FromResult<LaunchSpec?>(spec)), environment);
    }

    private ResourceInstance CreateSidecar(DaprSidecarResource sidecar, int replica)
    {
        var launch = SidecarLaunchOf(sidecar, replica);
        var name = InstanceName(sidecar.App, replica) + "-dapr";
        var environment = EnvironmentContract.ForSidecar(launch, name, _paths.Registry, options.OtlpEndpoint);
        foreach (var (key, value) in sidecar.Environment)
        {
            environment[key] = value;
        }

        var (file, arguments) = options.Sidecar switch
        {
            SidecarKind.Daprd => (RequireOnPath("daprd", "daprd not found on PATH: install the Dapr CLI and run `dapr init --slim`, or omit --sidecar daprd."),
                SidecarCommandLine.DaprdArguments(launch, _sidecarPorts[sidecar][replica].Metrics)),
            _ => ("dotnet", (IReadOnlyList<string>)[StandaloneSidecarDll(), .. SidecarCommandLine.Arguments(launch)]),
        };
        var spec = new LaunchSpec(file, arguments, _paths.SidecarWorkingDirectory, environment);
        var probe = new HttpHealthProbe(probeClient, new Uri($"http://127.0.0.1:{launch.HttpPort}/v1.0/healthz/outbound"));
        return Described(
            new ResourceInstance(sidecar, name, [Url(launch.HttpPort), $"grpc://localhost:{launch.GrpcPort}"], probe, _ => Task.FromResult<LaunchSpec?>(spec)),
            environment);
    }

    private ResourceInstance CreateExecutable(ExecutableResource executable)
    {
        var context = _executables[executable];
        var endpoints = context.Port == 0 ? [] : new[] { $"tcp://127.0.0.1:{context.Port}" };
        IHealthProbe? probe = executable.HealthCheckPath is { } path && context.Port != 0
            ? new HttpHealthProbe(probeClient, new Uri($"http://127.0.0.1:{context.Port}{path}"))
            : context.Port != 0 ? new TcpHealthProbe(context.Port) : null;
        var environment = new Dictionary<string, string>(executable.Environment);

        return Described(new ResourceInstance(executable, executable.Name, endpoints, probe, async cancellationToken =>
        {
            Directory.CreateDirectory(context.DataDirectory);
            if (executable.Prepare is { } prepare)
            {
                await prepare(context, cancellationToken);
            }
            var (file, arguments) = ProcessIdentity.RunAs(executable.RunAsUser, context.ResolvedCommand, [.. executable.Arguments(context)]);
            return new LaunchSpec(file, arguments, executable.WorkingDirectory, environment);
        }), environment);
    }

    private ResourceInstance CreateComponents(DaprComponentsResource components)
    {
        if (!Directory.Exists(components.SourceDirectory))
        {
            var root = Path.GetDirectoryName(components.SourceDirectory)!;
            var known = Directory.Exists(root) ? string.Join(", ", Directory.GetDirectories(root).Select(Path.GetFileName)) : "none";
            AddProblem($"Unknown profile '{components.Profile}': {components.SourceDirectory} does not exist (profiles: {known}).");
        }
        var values = components.References.OfType<ExecutableResource>()
            .SelectMany(server => ComponentsMaterializer.ValuesOf(server.Name, _executables[server].Port, server.ConnectionString?.Invoke(_executables[server])))
            .ToDictionary();

        return new ResourceInstance(components, components.Name, [], null, _ =>
        {
            ComponentsMaterializer.Materialize(components.SourceDirectory, _paths.Components, values);
            Directory.CreateDirectory(_paths.Registry);
            return Task.FromResult<LaunchSpec?>(null);
        });
    }

    private SidecarLaunch SidecarLaunchOf(DaprSidecarResource sidecar, int replica)
    {
        var sidecarPorts = _sidecarPorts[sidecar][replica];
        var sidecarOptions = sidecar.Options;
        return new SidecarLaunch(
            sidecar.AppId,
            _projectPorts[sidecar.App][replica],
            sidecarPorts.Http,
            sidecarPorts.Grpc,
            _paths.Components,
            sidecarOptions.Config is { } config ? Path.GetFullPath(Path.Combine(options.AppHostDirectory, config)) : null,
            sidecarOptions.LogLevel,
            sidecarOptions.DaprApiToken,
            sidecarOptions.AppApiToken);
    }

    private IReadOnlyList<ResourceInstance> DependenciesOf(Resource resource, int replica) =>
    [
        .. resource.WaitsFor.SelectMany(dependency => dependency is DaprSidecarResource sidecar && sidecar.App == resource
            ? [_instances[dependency][replica]]
            : _instances[dependency]),
    ];

    private string StandaloneSidecarDll()
    {
        var dll = options.SidecarPath
            ?? ProjectOutput.DllPath(Path.GetFullPath(Path.Combine(options.AppHostDirectory, options.SidecarProjectPath)), options.Configuration);
        if (!File.Exists(dll))
        {
            AddProblem($"Sidecar {dll} not found; build the AppHost (it builds platform/Sidecar) or set {AppHostOptions.SidecarPathVariable}.");
        }
        return dll;
    }

    private string ResolveCommand(ExecutableResource executable) =>
        RequireOnPath(executable.Command, executable.InstallHint ?? $"{executable.Name}: {executable.Command} not found on PATH.");

    private string RequireOnPath(string command, string hint)
    {
        var resolved = ExecutableLocator.Find(command);
        if (resolved is null)
        {
            AddProblem(hint);
        }
        return resolved ?? command;
    }

    private void AddProblem(string problem)
    {
        if (!_problems.Contains(problem))
        {
            _problems.Add(problem);
        }
    }

    private static string Url(int port) => $"http://localhost:{port}";

    private static ResourceInstance Described(ResourceInstance instance, IReadOnlyDictionary<string, string> environment)
    {
        instance.Describe(environment, []);
        return instance;
    }
}
