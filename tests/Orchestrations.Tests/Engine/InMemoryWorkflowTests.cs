using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Tests.Scenarios;
using AmazonScale.Orchestrations.Tests.Workflows;

namespace AmazonScale.Orchestrations.Tests.Engine;

/// <summary>The engine core (stepper, processor, outbox delivery, client) on the in-memory host, including simulated crashes.</summary>
public sealed class InMemoryWorkflowTests : WorkflowScenarios, IAsyncLifetime
{
    private readonly ActivityLog _log = new();
    private readonly ActivityGate _gate = new();
    private InMemoryWorkflowHost _host = null!;

    protected override DaprWorkflowClient Client => _host.Client;

    protected override ActivityLog Log => _log;

    protected override Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId) => Task.FromResult(_host.History(instanceId));

    public Task InitializeAsync()
    {
        _host = new InMemoryWorkflowHost(log: _log, gate: _gate);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Terminate_cancels_the_reminders_of_open_timers()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "terminate-timers", 60_000);
        await WaitUntilAsync(id, _ => _host.Storage.Reminders.Keys.Any(k => k.InstanceId == id));

        await Client.TerminateWorkflowAsync(id);

        await CompletionAsync(id);
        await WaitForAsync(() => !_host.Storage.Reminders.Keys.Any(k => k.InstanceId == id));
    }

    [Fact]
    public async Task Crash_during_an_activity_reruns_it_after_restart_and_completes()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(GatedWorkflow), "crash-activity", "c");
        await WaitForAsync(() => _log.Count(nameof(GatedActivity), id) == 1);

        _host.Crash();
        _host = new InMemoryWorkflowHost(_host.Storage, _log, _gate);
        _gate.Open(id);
        await WaitForAsync(() => _log.Count(nameof(GatedActivity), id) == 2);
        await WaitUntilAsync(id, _ => _host.History(id).OfType<TaskCompleted>().Any());
        await Client.RaiseEventAsync(id, "go");

        Assert.Equal("c+gated+1", (await CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Crash_after_an_activity_completed_never_loses_or_reruns_it()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(GatedWorkflow), "crash-after-result", "r");
        _gate.Open(id);
        await WaitUntilAsync(id, _ => _host.History(id).OfType<TaskCompleted>().Any());

        _host.Crash();
        _host = new InMemoryWorkflowHost(_host.Storage, _log, _gate);
        await Client.RaiseEventAsync(id, "go");

        Assert.Equal("r+gated+1", (await CompletionAsync(id)).ReadOutputAs<string>());
        Assert.Equal(1, _log.Count(nameof(GatedActivity), id));
    }

    [Fact]
    public async Task Crash_while_a_timer_is_pending_fires_it_after_restart()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(TimerWorkflow), "crash-timer", 600);
        await WaitUntilAsync(id, _ => _host.History(id).OfType<TimerCreated>().Any());

        _host.Crash();
        _host = new InMemoryWorkflowHost(_host.Storage, _log, _gate);

        Assert.Equal(WorkflowRuntimeStatus.Completed, (await CompletionAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Redeploying_changed_workflow_code_fails_running_instances_as_non_deterministic()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(GatedWorkflow), "redeployed", "d");
        _gate.Open(id);
        await WaitUntilAsync(id, _ => _host.History(id).OfType<TaskCompleted>().Any());

        _host.Crash();
        _host = new InMemoryWorkflowHost(_host.Storage, _log, _gate, redeploy: options => options.RegisterWorkflow<ChainWorkflow>(nameof(GatedWorkflow)));
        await Client.RaiseEventAsync(id, "go");

        var state = await CompletionAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.True(state.FailureDetails!.IsCausedBy<NonDeterministicWorkflowException>());
        Assert.Contains("history records activity 'GatedActivity' as step 0, but the replayed code scheduled activity 'AppendActivity'", state.FailureDetails.ErrorMessage);
    }
}
