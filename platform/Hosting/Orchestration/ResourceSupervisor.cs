using System.Diagnostics;
using AmazonScale.Hosting.Processes;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>
/// Runs one instance: waits for its dependencies, starts it, probes its health, restarts it with back-off
/// when it crashes, and stops its whole process tree when asked.
/// </summary>
/// <param name="shuttingDown">Once cancelled, an exit is final: nothing restarts while the application stops.</param>
internal sealed class ResourceSupervisor(
    ResourceInstance instance, SupervisorSettings settings, IProgressReporter reporter, CancellationToken shuttingDown)
{
    private CancellationTokenSource? _run;
    private Task _running = Task.CompletedTask;

    public bool IsActive => !_running.IsCompleted;

    public void Start()
    {
        _run?.Dispose();
        _run = new CancellationTokenSource();
        _running = RunAsync(_run.Token);
    }

    public async Task StopAsync()
    {
        if (_run is not null)
        {
            await _run.CancelAsync();
        }
        await _running;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WaitForDependenciesAsync(cancellationToken);
            var consecutiveFailures = 0;
            while (true)
            {
                var runTime = await RunOnceAsync(cancellationToken);
                if (runTime is null)
                {
                    return;
                }
                if (shuttingDown.IsCancellationRequested)
                {
                    reporter.Report(instance.Name, $"exited with code {instance.Snapshot.ExitCode} during shutdown");
                    return;
                }
                consecutiveFailures = runTime >= settings.RestartBackoff.StableAfter ? 1 : consecutiveFailures + 1;
                var delay = settings.RestartBackoff.DelayFor(consecutiveFailures);
                var reason = instance.Logs.LastError() is { } error ? $" ({error.Text})" : "";
                reporter.Report(instance.Name, $"exited with code {instance.Snapshot.ExitCode}{reason}; restarting in {delay.TotalSeconds:0.#} s");
                using (var restartAllowed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shuttingDown))
                {
                    await Task.Delay(delay, restartAllowed.Token);
                }
                instance.Update(s => s with { RestartCount = s.RestartCount + 1 });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || shuttingDown.IsCancellationRequested)
        {
            instance.Update(s => s with { State = ResourceStates.Finished, Pid = null, Health = null });
        }
    }

    private async Task WaitForDependenciesAsync(CancellationToken cancellationToken)
    {
        var pending = instance.Dependencies.Where(d => !d.WhenReady.IsCompleted).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        instance.Update(s => s with { State = ResourceStates.Waiting });
        reporter.Report(instance.Name, $"waiting for {string.Join(", ", pending.Select(d => d.Name))}");
        await Task.WhenAll(pending.Select(d => d.WhenReady)).WaitAsync(cancellationToken);
    }

    /// <summary>Starts the instance and waits for it to exit; returns how long it ran, or null when it must not restart.</summary>
    private async Task<TimeSpan?> RunOnceAsync(CancellationToken cancellationToken)
    {
        instance.Update(s => s with { State = ResourceStates.Starting, Health = null, ExitCode = null });
        ManagedProcess process;
        try
        {
            var spec = await instance.Launch(cancellationToken);
            if (spec is null)
            {
                instance.Update(s => s with { State = ResourceStates.Running, Health = ResourceStates.Healthy, StartedAt = DateTimeOffset.UtcNow });
                reporter.Report(instance.Name, "ready");
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return null;
            }
            process = ManagedProcess.Start(spec, instance.Logs);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            instance.Logs.Add(ex.Message, isError: true);
            instance.Update(s => s with { State = ResourceStates.FailedToStart });
            reporter.Report(instance.Name, $"failed to start: {ex.Message}");
            return null;
        }

        using (process)
        {
            return await SuperviseAsync(process, cancellationToken);
        }
    }

    private async Task<TimeSpan> SuperviseAsync(ManagedProcess process, CancellationToken cancellationToken)
    {
        var uptime = Stopwatch.StartNew();
        // As in Aspire, a resource without a health check counts as healthy while it runs.
        var health = instance.Probe is null ? ResourceStates.Healthy : null;
        instance.Update(s => s with { State = ResourceStates.Running, Health = health, Pid = process.Pid, StartedAt = DateTimeOffset.UtcNow });
        reporter.Report(instance.Name, $"running (pid {process.Pid}){EndpointsSuffix()}");

        using var probingCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probing = instance.Probe is { } probe ? ProbeAsync(probe, probingCancellation.Token) : Task.CompletedTask;
        try
        {
            var exitCode = await process.Exited.WaitAsync(cancellationToken);
            await probingCancellation.CancelAsync();
            await probing;
            instance.Update(s => s with { State = ResourceStates.Exited, ExitCode = exitCode, Pid = null, Health = null });
            return uptime.Elapsed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await probing;
            instance.Update(s => s with { State = ResourceStates.Stopping });
            await process.StopAsync(settings.StopTimeout);
            instance.Update(s => s with { ExitCode = process.Exited.Result });
            throw;
        }
    }

    private async Task ProbeAsync(IHealthProbe probe, CancellationToken cancellationToken)
    {
        var announced = false;
        try
        {
            while (true)
            {
                var healthy = await probe.CheckAsync(cancellationToken);
                instance.Update(s => s with { Health = healthy ? ResourceStates.Healthy : ResourceStates.Unhealthy });
                if (healthy && !announced)
                {
                    announced = true;
                    reporter.Report(instance.Name, "healthy");
                }
                await Task.Delay(healthy ? settings.HealthyProbeInterval : settings.UnhealthyProbeInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Probing ends with the process.
        }
    }

    private string EndpointsSuffix() => instance.Endpoints.Count == 0 ? "" : " " + string.Join(" ", instance.Endpoints);
}
