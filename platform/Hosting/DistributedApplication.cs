using System.Diagnostics;
using System.Runtime.InteropServices;
using AmazonScale.Dashboard.Resources;
using AmazonScale.Hosting.ApplicationModel;
using AmazonScale.Hosting.Orchestration;

namespace AmazonScale.Hosting;

/// <summary>The built app model: <see cref="RunAsync"/> starts everything and stops it on Ctrl+C (SIGINT) or SIGTERM.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly AppHostOptions _options;
    private readonly IDashboardHost? _dashboard;
    private readonly SupervisorSettings _supervision;
    private readonly IProgressReporter _reporter;
    private readonly HttpClient _probeClient = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Orchestrator? _orchestrator;

    internal DistributedApplication(
        DistributedApplicationModel model, AppHostOptions options, IDashboardHost? dashboard, SupervisorSettings supervision, IProgressReporter reporter)
    {
        Model = model;
        _options = options;
        _dashboard = dashboard;
        _supervision = supervision;
        _reporter = reporter;
    }

    public DistributedApplicationModel Model { get; }

    /// <summary>The live resources; available once <see cref="StartAsync"/> returned.</summary>
    public IResourceService Resources { get; private set; } = null!;

    /// <summary>The running instances; available once <see cref="StartAsync"/> returned.</summary>
    public Orchestrator Orchestrator => _orchestrator ?? throw new InvalidOperationException("Call StartAsync first.");

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options)
    {
        var appHostDirectory = options.AppHostDirectory ?? AppHostAssembly.ProjectDirectory ?? Environment.CurrentDirectory;
        var parsed = AppHostOptions.Parse(options.Args, appHostDirectory, options.Environment)
            with { Configuration = options.Configuration ?? AppHostAssembly.Configuration };
        return new DistributedApplicationBuilder(parsed);
    }

    /// <summary>Checks everything can start, then starts the dashboard and every resource without waiting for them.</summary>
    /// <exception cref="DistributedApplicationException">Something is missing (build output, binary, profile).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var planner = new LaunchPlanner(_options, new PortAllocator(), _probeClient);
        var plan = planner.Plan(Model);
        if (plan.Problems.Count > 0)
        {
            throw new DistributedApplicationException(plan.Problems);
        }

        Directory.CreateDirectory(planner.Paths.Root);
        _orchestrator = new Orchestrator(plan.Instances, _supervision, _reporter);
        Resources = new ResourceService(_orchestrator);
        if (_dashboard is not null)
        {
            Uri loginUrl;
            try
            {
                loginUrl = await _dashboard.StartAsync(Resources, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new DistributedApplicationException([$"The dashboard cannot listen ({ex.Message}); is another AppHost running?"]);
            }
            _reporter.Announce($"Login to the dashboard at {loginUrl}");
        }
        _orchestrator.Start();
    }

    /// <summary>Stops every process tree (dependents first), the dashboard, and deletes the run folder.</summary>
    public async Task StopAsync()
    {
        if (_orchestrator is not null)
        {
            await _orchestrator.StopAsync();
        }
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }
        DeleteRunDirectory();
    }

    /// <summary>Runs until Ctrl+C / SIGTERM (or <paramref name="cancellationToken"/>); sets exit code 1 when it cannot start.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestShutdown);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestShutdown);

        var clock = Stopwatch.StartNew();
        _reporter.Announce($"AppHost starting: profile {_options.Profile}, sidecar {_options.Sidecar.ToString().ToLowerInvariant()}, run folder {_options.RunDirectory}");
        try
        {
            await StartAsync(shutdown.Token);
            await Orchestrator.WhenAllStarted.WaitAsync(shutdown.Token);
            _reporter.Announce("Distributed application started. Press Ctrl+C to shut down.");
            await Orchestrator.WhenAllReady.WaitAsync(shutdown.Token);
            _reporter.Announce($"All {Orchestrator.Instances.Count} resources are healthy ({clock.Elapsed.TotalSeconds:0.00} s after start).");
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (DistributedApplicationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                Console.Error.WriteLine(problem);
            }
            Environment.ExitCode = 1;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            _reporter.Announce("Stopping...");
        }
        finally
        {
            await StopAsync();
        }

        void RequestShutdown(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _probeClient.Dispose();
    }

    private void DeleteRunDirectory()
    {
        try
        {
            if (Directory.Exists(_options.RunDirectory))
            {
                Directory.Delete(_options.RunDirectory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _reporter.Announce($"Could not delete the run folder {_options.RunDirectory}: {ex.Message}");
        }
    }
}
