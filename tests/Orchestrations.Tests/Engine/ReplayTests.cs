using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Engine.Replay;
using AmazonScale.Orchestrations.Tests.Workflows;

namespace AmazonScale.Orchestrations.Tests.Engine;

/// <summary>The replay executor alone: recorded histories in, steps and outcomes out. No host, no Dapr.</summary>
public sealed class ReplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<HistoryEvent> ChainHistoryAfterFirstActivity() =>
    [
        new OrchestratorStarted(T0),
        new ExecutionStarted(T0, nameof(ChainWorkflow), "e1", "\"x\"", null),
        new TaskScheduled(T0, 0, nameof(AppendActivity), "\"x\""),
        new OrchestratorStarted(T0.AddSeconds(1)),
        new TaskCompleted(T0.AddSeconds(1), 0, "\"x+0\""),
        new TaskScheduled(T0.AddSeconds(1), 1, nameof(AppendActivity), "\"x+0\""),
    ];

    [Fact]
    public void Replaying_a_history_reproduces_its_steps_without_scheduling_them_again()
    {
        var result = WorkflowExecutor.Execute(new ChainWorkflow(), "i1", ChainHistoryAfterFirstActivity(), []);

        Assert.Empty(result.Actions);
        Assert.Null(result.Outcome);
        Assert.Equal("{\"step\":1}", result.CustomStatus);
    }

    [Fact]
    public void New_events_resume_the_workflow_where_history_left_it()
    {
        var result = WorkflowExecutor.Execute(new ChainWorkflow(), "i1", ChainHistoryAfterFirstActivity(),
            [new OrchestratorStarted(T0.AddSeconds(2)), new TaskCompleted(T0.AddSeconds(2), 1, "\"x+0+1\"")]);

        var next = Assert.IsType<ScheduleActivityAction>(Assert.Single(result.Actions));
        Assert.Equal((2, nameof(AppendActivity), "\"x+0+1\""), (next.TaskId, next.Name, next.Input));
    }

    [Fact]
    public void A_replay_that_schedules_another_activity_fails_as_non_deterministic()
    {
        var result = WorkflowExecutor.Execute(new CallsActivity(nameof(SquareActivity)), "i1", ChainHistoryAfterFirstActivity(), []);

        var failed = Assert.IsType<FailedOutcome>(result.Outcome);
        Assert.True(failed.Failure.IsCausedBy<NonDeterministicWorkflowException>());
        Assert.Contains("activity 'AppendActivity'", failed.Failure.ErrorMessage);
        Assert.Contains("activity 'SquareActivity'", failed.Failure.ErrorMessage);
    }

    [Fact]
    public void A_replay_that_creates_a_timer_where_history_has_an_activity_fails_as_non_deterministic()
    {
        var result = WorkflowExecutor.Execute(new SleepsFirst(), "i1", ChainHistoryAfterFirstActivity(), []);

        var failed = Assert.IsType<FailedOutcome>(result.Outcome);
        Assert.True(failed.Failure.IsCausedBy<NonDeterministicWorkflowException>());
        Assert.Contains("a timer", failed.Failure.ErrorMessage);
    }

    [Fact]
    public void A_replay_that_skips_a_recorded_step_fails_as_non_deterministic()
    {
        var result = WorkflowExecutor.Execute(new ReturnsAtOnce(), "i1", ChainHistoryAfterFirstActivity(), []);

        var failed = Assert.IsType<FailedOutcome>(result.Outcome);
        Assert.True(failed.Failure.IsCausedBy<NonDeterministicWorkflowException>());
        Assert.Contains("did not take that step", failed.Failure.ErrorMessage);
    }

    [Fact]
    public void Clock_and_replay_flag_come_from_history()
    {
        var probe = new ClockProbe();

        WorkflowExecutor.Execute(probe, "i1",
            [new OrchestratorStarted(T0), new ExecutionStarted(T0, "probe", "e1", null, null), new TimerCreated(T0, 0, T0.AddMinutes(1))],
            [new OrchestratorStarted(T0.AddMinutes(1)), new TimerFired(T0.AddMinutes(1), 0)]);

        Assert.Equal([(true, T0.UtcDateTime), (false, T0.AddMinutes(1).UtcDateTime)], probe.Observations);
    }

    [Fact]
    public void NewGuid_is_identical_on_every_replay_and_distinct_between_calls()
    {
        List<HistoryEvent> history = [new OrchestratorStarted(T0), new ExecutionStarted(T0, "guids", "e1", null, null)];

        var first = WorkflowExecutor.Execute(new GuidWorkflow(), "i1", history, []);
        var second = WorkflowExecutor.Execute(new GuidWorkflow(), "i1", history, []);
        var otherInstance = WorkflowExecutor.Execute(new GuidWorkflow(), "i2", history, []);

        var guids = Assert.IsType<CompletedOutcome>(first.Outcome).Output;
        Assert.Equal(guids, Assert.IsType<CompletedOutcome>(second.Outcome).Output);
        Assert.NotEqual(guids, Assert.IsType<CompletedOutcome>(otherInstance.Outcome).Output);
        var pair = Orchestrations.Engine.WorkflowJson.Deserialize<Guid[]>(guids);
        Assert.NotEqual(pair[0], pair[1]);
    }

    [Fact]
    public void Awaiting_Task_Delay_in_workflow_code_fails_the_instance_instead_of_hanging()
    {
        var result = WorkflowExecutor.Execute(new DelaysWithTaskDelay(), "i1", [new OrchestratorStarted(T0), new ExecutionStarted(T0, "bad", "e1", null, null)], []);

        var failed = Assert.IsType<FailedOutcome>(result.Outcome);
        Assert.True(failed.Failure.IsCausedBy<InvalidOperationException>());
        Assert.Contains("can never resume", failed.Failure.ErrorMessage);
    }

    [Fact]
    public void Using_the_context_from_another_thread_fails_the_instance()
    {
        var result = WorkflowExecutor.Execute(new CallsFromTaskRun(), "i1", [new OrchestratorStarted(T0), new ExecutionStarted(T0, "bad", "e1", null, null)], []);

        var failed = Assert.IsType<FailedOutcome>(result.Outcome);
        Assert.Contains("outside the workflow's own flow", failed.Failure.ErrorMessage);
    }

    [Fact]
    public void Retry_delays_grow_by_the_coefficient_up_to_the_maximum()
    {
        var policy = new WorkflowRetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(5));

        Assert.Equal([1, 2, 4, 5], Enumerable.Range(2, 4).Select(attempt => policy.DelayBefore(attempt).TotalSeconds));
    }

    private sealed class CallsActivity(string activity) : Workflow<string, string>
    {
        public override Task<string> RunAsync(WorkflowContext context, string input) => context.CallActivityAsync<string>(activity, input);
    }

    private sealed class SleepsFirst : Workflow<string, string>
    {
        public override async Task<string> RunAsync(WorkflowContext context, string input)
        {
            await context.CreateTimer(TimeSpan.FromSeconds(1));
            return input;
        }
    }

    private sealed class ReturnsAtOnce : Workflow<string, string>
    {
        public override Task<string> RunAsync(WorkflowContext context, string input) => Task.FromResult(input);
    }

    private sealed class ClockProbe : Workflow<object?, object?>
    {
        public List<(bool Replaying, DateTime Now)> Observations { get; } = [];

        public override async Task<object?> RunAsync(WorkflowContext context, object? input)
        {
            Observations.Add((context.IsReplaying, context.CurrentUtcDateTime));
            await context.CreateTimer(TimeSpan.FromMinutes(1));
            Observations.Add((context.IsReplaying, context.CurrentUtcDateTime));
            return null;
        }
    }

    private sealed class GuidWorkflow : Workflow<object?, Guid[]>
    {
        public override Task<Guid[]> RunAsync(WorkflowContext context, object? input) => Task.FromResult(new[] { context.NewGuid(), context.NewGuid() });
    }

    private sealed class DelaysWithTaskDelay : Workflow<object?, object?>
    {
        public override async Task<object?> RunAsync(WorkflowContext context, object? input)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
            return null;
        }
    }

    private sealed class CallsFromTaskRun : Workflow<object?, string>
    {
        public override Task<string> RunAsync(WorkflowContext context, object? input) =>
            Task.FromResult(Task.Run(() => context.CallActivityAsync<string>(nameof(AppendActivity), "x")).GetAwaiter().GetResult());
    }
}
