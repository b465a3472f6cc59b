using System.Text.Json;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Tests.Workflows;

namespace AmazonScale.Orchestrations.Tests.Engine;

/// <summary>The whole engine core (stepper, processor, outbox delivery, client) on the in-memory host.</summary>
public sealed class EngineTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly ActivityLog _log = new();
    private readonly ActivityGate _gate = new();
    private InMemoryWorkflowHost _host = null!;

    private DaprWorkflowClient Client => _host.Client;

    public Task InitializeAsync()
    {
        _host = new InMemoryWorkflowHost(log: _log, gate: _gate);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Activity_chain_runs_in_order_and_records_every_step()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), "chain-1", "x");

        var state = await CompletionAsync(id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("x+0+1+2", state.ReadOutputAs<string>());
        Assert.Equal("x", state.ReadInputAs<string>());
        Assert.Equal(2, state.ReadCustomStatusAs<JsonElement>().GetProperty("step").GetInt32());
        Assert.True(state.LastUpdatedAt >= state.CreatedAt);
        Assert.Equal(3, _log.Count(nameof(AppendActivity), id));
        Assert.Equal(
            ["OrchestratorStarted", "ExecutionStarted", "TaskScheduled", "OrchestratorStarted", "TaskCompleted", "TaskScheduled",
             "OrchestratorStarted", "TaskCompleted", "TaskScheduled", "OrchestratorStarted", "TaskCompleted", "ExecutionCompleted"],
            _host.History(id).Select(e => e.GetType().Name));
    }

    [Fact]
    public async Task Fan_out_fan_in_runs_activities_in_parallel_and_sums_them()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(FanOutWorkflow), "fan-1", 5);

        var state = await CompletionAsync(id);

        Assert.Equal(55, state.ReadOutputAs<int>());
        Assert.Equal(5, _log.Count(nameof(SquareActivity), id));
    }

    [Fact]
    public async Task Durable_timer_fires_after_its_delay_and_advances_the_workflow_clock()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(TimerWorkflow), "timer-1", 300);

        var result = (await CompletionAsync(id)).ReadOutputAs<TimerWorkflow.Result>();

        Assert.True(result.After - result.Before >= TimeSpan.FromMilliseconds(300), $"{result.After:o} - {result.Before:o}");
    }

    [Fact]
    public async Task External_event_raised_while_waiting_completes_the_wait()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "approval-1", 30_000);
        await WaitUntilAsync(id, s => s.RuntimeStatus == WorkflowRuntimeStatus.Running);

        Assert.True(await Client.RaiseEventAsync(id, "APPROVAL", "ada"));

        Assert.Equal("approved by ada", (await CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task External_event_not_raised_in_time_times_out()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "approval-2", 200);

        Assert.Equal("timed out", (await CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_raised_before_the_workflow_waits_are_buffered()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(CounterWorkflow), "counter-buffered", 0);
        Assert.True(await Client.RaiseEventAsync(id, "tick", 1));
        Assert.True(await Client.RaiseEventAsync(id, "tick", 1));
        Assert.True(await Client.RaiseEventAsync(id, "tick", 1));

        Assert.Equal(3, (await CompletionAsync(id)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task Failed_activity_is_retried_with_exponential_back_off()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(RetryWorkflow), "retry-1", 3);

        var state = await CompletionAsync(id);

        Assert.Equal("succeeded on attempt 3", state.ReadOutputAs<string>());
        var times = _log.Times(nameof(FlakyActivity), id);
        Assert.Equal(3, times.Count);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(190), $"first retry after {times[1] - times[0]}");
        Assert.True(times[2] - times[1] >= TimeSpan.FromMilliseconds(390), $"second retry after {times[2] - times[1]}");
    }

    [Fact]
    public async Task Retries_exhausted_fail_the_workflow_with_the_activity_failure()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(RetryWorkflow), "retry-2", 10);

        var state = await CompletionAsync(id);

        Assert.Equal(WorkflowRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.True(state.FailureDetails!.IsCausedBy<WorkflowTaskFailedException>());
        Assert.Contains("attempt 3 failed", state.FailureDetails.ErrorMessage);
        Assert.Equal(3, _log.Count(nameof(FlakyActivity), id));
    }

    [Fact]
    public async Task Child_workflow_result_flows_back_to_the_parent()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ParentWorkflow), "parent-1", "p");

        Assert.Equal("parent(p+0+1+2)", (await CompletionAsync(id)).ReadOutputAs<string>());
        var child = Assert.Single(_host.History(id).OfType<ChildWorkflowCreated>());
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await Client.GetWorkflowStateAsync(child.InstanceId)).RuntimeStatus);
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_a_fresh_history()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(CounterWorkflow), "counter-1", 0);
        for (var expected = 0; expected < 3; expected++)
        {
            await WaitUntilAsync(id, s => s.ReadInputAs<int>() == expected);
            await Client.RaiseEventAsync(id, "tick", 1);
        }

        var state = await CompletionAsync(id);

        Assert.Equal(3, state.ReadOutputAs<int>());
        Assert.Equal(3, state.ReadInputAs<int>());
        Assert.Equal(["OrchestratorStarted", "ExecutionStarted", "ExecutionCompleted"], _host.History(id).Select(e => e.GetType().Name));
    }

    [Fact]
    public async Task Terminate_ends_a_running_instance_with_the_given_output()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "terminate-1", 60_000);
        await WaitUntilAsync(id, s => s.RuntimeStatus == WorkflowRuntimeStatus.Running);

        Assert.True(await Client.TerminateWorkflowAsync(id, "no longer needed"));

        var state = await CompletionAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Terminated, state.RuntimeStatus);
        Assert.Equal("no longer needed", state.ReadOutputAs<string>());
        Assert.DoesNotContain(_host.Storage.Reminders.Keys, k => k.InstanceId == id);
    }

    [Fact]
    public async Task Suspended_instance_keeps_events_until_resumed()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "suspend-1", 60_000);
        await WaitUntilAsync(id, s => s.RuntimeStatus == WorkflowRuntimeStatus.Running);

        await Client.SuspendWorkflowAsync(id, "maintenance");
        await Client.RaiseEventAsync(id, "approval", "grace");
        Assert.Equal(WorkflowRuntimeStatus.Suspended, (await Client.GetWorkflowStateAsync(id)).RuntimeStatus);

        await Client.ResumeWorkflowAsync(id);
        Assert.Equal("approved by grace", (await CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_deletes_only_finished_instances()
    {
        var running = await Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), "purge-running", 60_000);
        var finished = await Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), "purge-finished", "x");
        await CompletionAsync(finished);

        Assert.False(await Client.PurgeInstanceAsync(running));
        Assert.True(await Client.PurgeInstanceAsync(finished));
        Assert.False((await Client.GetWorkflowStateAsync(finished)).Exists);
        Assert.False(await Client.PurgeInstanceAsync(finished));
    }

    [Fact]
    public async Task Scheduling_an_existing_instance_id_is_idempotent()
    {
        await Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), "same-id", "first");
        await Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), "same-id", "second");

        var state = await CompletionAsync("same-id");

        Assert.Equal("first+0+1+2", state.ReadOutputAs<string>());
        Assert.Equal(3, _log.Count(nameof(AppendActivity), "same-id"));
    }

    [Fact]
    public async Task Failing_activity_without_retry_fails_the_workflow_with_details()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(FailingWorkflow), "fail-1", 0);

        var state = await CompletionAsync(id);

        Assert.Equal(WorkflowRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("activity 'FlakyActivity' failed: attempt 1 failed", state.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task Unknown_workflow_name_fails_the_instance()
    {
        var id = await Client.ScheduleNewWorkflowAsync("NoSuchWorkflow", "unknown-1");

        var state = await CompletionAsync(id);

        Assert.Equal(WorkflowRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("not registered", state.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task Events_for_unknown_instances_and_invalid_ids_are_refused()
    {
        Assert.False(await Client.RaiseEventAsync("nobody", "x"));
        Assert.False((await Client.GetWorkflowStateAsync("nobody")).Exists);
        await Assert.ThrowsAsync<ArgumentException>(() => Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), "bad/id"));
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

    private async Task<WorkflowState> CompletionAsync(string id)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var state = await Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        Assert.True(state.Exists, $"{id} does not exist");
        return state;
    }

    private async Task WaitUntilAsync(string id, Func<WorkflowState, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition(await Client.GetWorkflowStateAsync(id)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition on {id} not reached within {Timeout}");
            await Task.Delay(20);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not reached within {Timeout}");
            await Task.Delay(20);
        }
    }
}
