using System.Text.Json;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Tests.Workflows;

namespace AmazonScale.Orchestrations.Tests.Scenarios;

/// <summary>
/// Behaviour every host of the engine must show, run twice: on the in-memory host (engine core alone) and
/// through the real sidecar with the real Dapr.Actors SDK.
/// </summary>
public abstract class WorkflowScenarios
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    protected abstract DaprWorkflowClient Client { get; }

    protected abstract ActivityLog Log { get; }

    /// <summary>The persisted history of the instance's current execution.</summary>
    protected abstract Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId);

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
        Assert.Equal(3, Log.Count(nameof(AppendActivity), id));
        Assert.Equal(
            ["OrchestratorStarted", "ExecutionStarted", "TaskScheduled", "OrchestratorStarted", "TaskCompleted", "TaskScheduled",
             "OrchestratorStarted", "TaskCompleted", "TaskScheduled", "OrchestratorStarted", "TaskCompleted", "ExecutionCompleted"],
            (await HistoryAsync(id)).Select(e => e.GetType().Name));
    }

    [Fact]
    public async Task Fan_out_fan_in_runs_activities_in_parallel_and_sums_them()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(FanOutWorkflow), "fan-1", 5);

        var state = await CompletionAsync(id);

        Assert.Equal(55, state.ReadOutputAs<int>());
        Assert.Equal(5, Log.Count(nameof(SquareActivity), id));
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
        var times = Log.Times(nameof(FlakyActivity), id);
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
        Assert.Equal(3, Log.Count(nameof(FlakyActivity), id));
    }

    [Fact]
    public async Task Child_workflow_result_flows_back_to_the_parent()
    {
        var id = await Client.ScheduleNewWorkflowAsync(nameof(ParentWorkflow), "parent-1", "p");

        Assert.Equal("parent(p+0+1+2)", (await CompletionAsync(id)).ReadOutputAs<string>());
        var child = Assert.Single((await HistoryAsync(id)).OfType<ChildWorkflowCreated>());
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
        Assert.Equal(["OrchestratorStarted", "ExecutionStarted", "ExecutionCompleted"], (await HistoryAsync(id)).Select(e => e.GetType().Name));
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
        Assert.Equal(3, Log.Count(nameof(AppendActivity), "same-id"));
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

    protected async Task<WorkflowState> CompletionAsync(string id)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var state = await Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        Assert.True(state.Exists, $"{id} does not exist");
        return state;
    }

    protected async Task WaitUntilAsync(string id, Func<WorkflowState, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition(await Client.GetWorkflowStateAsync(id)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition on {id} not reached within {Timeout}");
            await Task.Delay(20);
        }
    }

    protected static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not reached within {Timeout}");
            await Task.Delay(20);
        }
    }
}
