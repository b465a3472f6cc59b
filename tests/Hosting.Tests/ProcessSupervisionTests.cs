using System.Collections.Concurrent;
using AmazonScale.Dashboard.Resources;
using AmazonScale.Hosting.ApplicationModel;
using AmazonScale.Hosting.Orchestration;
using AmazonScale.TestSupport;
using static AmazonScale.Hosting.Tests.TestApplications;

namespace AmazonScale.Hosting.Tests;

/// <summary>Real child processes (sh, sleep) under the orchestrator: ordering, health gating, restarts, shutdown.</summary>
[Collection(ProcessCollection.Name)]
public sealed class ProcessSupervisionTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);
    private readonly RecordingReporter _reporter = new();
    private readonly DistributedApplicationBuilder _builder;
    private DistributedApplication? _app;

    public ProcessSupervisionTests()
    {
        _builder = CreateBuilder(_reporter);
    }

    [Fact]
    public async Task WaitFor_holds_the_dependent_until_the_dependency_is_running_and_healthy()
    {
        await using var health = await HealthEndpoint.StartAsync();
        var gate = _builder.AddExecutable("gate", "sleep", ".", "300").WithEndpoint(health.Port).WithHttpHealthCheck("/health");
        _builder.AddExecutable("dependent", "sleep", ".", "300").WaitFor(gate);
        await StartAsync();

        await Eventually(() => Snapshot("gate") is { State: ResourceStates.Running, Health: ResourceStates.Unhealthy }, Timeout, "gate runs unhealthy");
        Assert.Equal(ResourceStates.Waiting, Snapshot("dependent").State);
        Assert.Null(Snapshot("dependent").Pid);
        Assert.Contains("dependent: waiting for gate", _reporter.Lines);

        var healthySince = DateTimeOffset.UtcNow;
        health.Healthy = true;
        await Eventually(() => Snapshot("dependent").State == ResourceStates.Running, Timeout, "dependent starts");
        Assert.Equal(ResourceStates.Healthy, Snapshot("gate").Health);
        Assert.True(Snapshot("dependent").StartedAt >= healthySince);
        Assert.Equal(["gate"], Snapshot("dependent").References);
    }

    [Fact]
    public async Task Health_follows_the_probe_after_start()
    {
        await using var health = await HealthEndpoint.StartAsync();
        _builder.AddExecutable("probed", "sleep", ".", "300").WithEndpoint(health.Port).WithHttpHealthCheck("/health");
        _builder.AddExecutable("unprobed", "sleep", ".", "300");
        await StartAsync();

        health.Healthy = true;
        await Eventually(() => Snapshot("probed").Health == ResourceStates.Healthy, Timeout, "probe passes");
        health.Healthy = false;
        await Eventually(() => Snapshot("probed").Health == ResourceStates.Unhealthy, Timeout, "probe fails again");
        await Eventually(() => Snapshot("unprobed").State == ResourceStates.Running, Timeout, "unprobed runs");
        Assert.Equal(ResourceStates.Healthy, Snapshot("unprobed").Health);
    }

    [Fact]
    public async Task Crashing_resource_is_restarted_with_doubling_backoff()
    {
        _builder.AddExecutable("crasher", "sh", ".", "-c", "echo boom; echo why >&2; exit 3");
        // Keyed by the restart count at the time of the start, so a start missed before subscribing does not shift the gaps.
        var starts = new ConcurrentDictionary<int, DateTimeOffset>();
        await StartAsync();
        _app!.Resources.ResourceChanged += snapshot =>
        {
            if (snapshot is { Name: "crasher", State: ResourceStates.Starting })
            {
                starts.TryAdd(snapshot.RestartCount, DateTimeOffset.UtcNow);
            }
        };

        await Eventually(() => starts.ContainsKey(1) && starts.ContainsKey(2) && starts.ContainsKey(3), Timeout, "three restarts");

        var backoff = FastSupervision.RestartBackoff;
        foreach (var restart in new[] { 2, 3 })
        {
            var gap = starts[restart] - starts[restart - 1];
            // Timers may fire a few milliseconds early relative to the wall clock; a skipped back-off would be hundreds of ms short.
            Assert.True(gap >= backoff.DelayFor(restart) - TimerSlack, $"restart {restart} came after {gap}, before the back-off of {backoff.DelayFor(restart)}");
        }
        Assert.Contains(_app!.Resources.GetConsoleLogs("crasher"), line => line.Text == "boom");
        Assert.Contains(_reporter.Lines, line => line.StartsWith("crasher: exited with code 3 (why); restarting in", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sleep 300 & sleep 300 & wait")]
    [InlineData("trap '' TERM; sleep 300 & sleep 300 & wait")]
    public async Task Stop_leaves_no_process_of_the_tree_behind(string script)
    {
        _builder.AddExecutable("tree", "sh", ".", "-c", script);
        await StartAsync();
        await Eventually(() => Snapshot("tree").Pid is { } pid && ProcessProbe.Descendants(pid).Count >= 2, Timeout, "the tree is up");
        var root = Snapshot("tree").Pid!.Value;
        int[] tree = [root, .. ProcessProbe.Descendants(root)];

        await _app!.StopAsync();

        Assert.All(tree, pid => Assert.False(ProcessProbe.IsAlive(pid), $"pid {pid} survived"));
        Assert.Equal(ResourceStates.Finished, Snapshot("tree").State);
    }

    [Fact]
    public async Task Stdout_and_stderr_are_captured_per_resource()
    {
        _builder.AddExecutable("talker", "sh", ".", "-c", "echo to-out; echo to-err >&2; sleep 300");
        await StartAsync();

        await Eventually(() => _app!.Resources.GetConsoleLogs("talker").Count == 2, Timeout, "both lines arrive");
        var lines = _app!.Resources.GetConsoleLogs("talker");
        Assert.Contains(lines, l => l is { Text: "to-out", IsError: false });
        Assert.Contains(lines, l => l is { Text: "to-err", IsError: true });
        Assert.Empty(_app.Resources.GetConsoleLogs("talker", lines.Max(l => l.Sequence)));
        Assert.Empty(_app.Resources.GetConsoleLogs("nobody"));
    }

    [Fact]
    public async Task Dashboard_commands_stop_start_and_restart_a_resource()
    {
        _builder.AddExecutable("worker", "sleep", ".", "300");
        await StartAsync();
        await Eventually(() => Snapshot("worker").State == ResourceStates.Running, Timeout, "worker runs");
        var firstPid = Snapshot("worker").Pid!.Value;

        Assert.True(await _app!.Resources.ExecuteCommandAsync("worker", ResourceCommand.Stop, CancellationToken.None));
        Assert.Equal(ResourceStates.Finished, Snapshot("worker").State);
        Assert.False(ProcessProbe.IsAlive(firstPid));
        Assert.False(await _app.Resources.ExecuteCommandAsync("worker", ResourceCommand.Stop, CancellationToken.None));

        Assert.True(await _app.Resources.ExecuteCommandAsync("worker", ResourceCommand.Start, CancellationToken.None));
        await Eventually(() => Snapshot("worker") is { State: ResourceStates.Running, Pid: not null }, Timeout, "worker runs again");
        var secondPid = Snapshot("worker").Pid!.Value;

        Assert.True(await _app.Resources.ExecuteCommandAsync("worker", ResourceCommand.Restart, CancellationToken.None));
        await Eventually(() => Snapshot("worker") is { State: ResourceStates.Running, Pid: { } pid } && pid != secondPid, Timeout, "worker restarted");
        Assert.False(ProcessProbe.IsAlive(secondPid));
        Assert.False(await _app.Resources.ExecuteCommandAsync("nobody", ResourceCommand.Start, CancellationToken.None));
    }

    [Fact]
    public async Task Missing_binary_stops_the_start_with_its_install_hint()
    {
        _builder.AddExecutable("ghost", "amazonscale-no-such-binary", ".").Resource.InstallHint = "ghost not found: install it.";
        _builder.AddExecutable("unnamed", "amazonscale-no-such-binary-either", ".");
        _app = _builder.Build();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => _app.StartAsync());

        Assert.Contains("ghost not found: install it.", error.Problems);
        Assert.Contains("unnamed: amazonscale-no-such-binary-either not found on PATH.", error.Problems);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task StartAsync()
    {
        _app = _builder.Build();
        await _app.StartAsync();
    }

    private ResourceSnapshot Snapshot(string name) => _app!.Resources.GetResources().Single(r => r.Name == name);
}
