using AmazonScale.TestSupport.Services;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.TestSupport.Sidecar;
using AmazonScale.WorkflowHost;

namespace AmazonScale.Orchestrations.Tests.Functional;

/// <summary>
/// kill -9 of the workflow app and/or its sidecar (real processes, SQLite actor state) in the middle of an
/// activity or a timer: the instance resumes from history and completes, activities cut short run again,
/// and no activity whose result was recorded runs twice.
/// </summary>
public sealed class CrashResumeTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ResourcesFolder _resources;
    private readonly string _effectsPath;

    public CrashResumeTests()
    {
        _resources = new ResourcesFolder();
        _resources.Write("actorstore.yaml", ComponentYaml.SqliteState("actorstore", Path.Combine(_resources.Root, "actors.db")));
        _effectsPath = Path.Combine(_resources.Root, "effects.log");
    }

    public void Dispose() => _resources.Dispose();

    [Fact]
    public async Task Killing_app_and_sidecar_mid_activity_resumes_and_completes()
    {
        var node = await ProcessWorkflowNode.StartAsync(_resources, _effectsPath);
        try
        {
            var id = await node.Client.ScheduleNewWorkflowAsync(nameof(DurableChainWorkflow), "crash-mid-activity", new DurableChainInput(3, 1500, 0));
            await WaitForAsync(() => Effects(id, 1, "start") == 1, "step 1 to start");
            var recordedBeforeKill = CompletedSteps(await node.HistoryAsync(id));

            node.Dispose();
            node = await ProcessWorkflowNode.StartAsync(_resources, _effectsPath);

            await AssertCompletedAsync(node, id, "[0][1][2]", recordedBeforeKill);
            Assert.Contains(0, recordedBeforeKill);
            Assert.Equal(2, Effects(id, 1, "start"));
        }
        finally
        {
            node.Dispose();
        }
    }

    [Fact]
    public async Task Killing_app_and_sidecar_mid_timer_resumes_and_completes()
    {
        var node = await ProcessWorkflowNode.StartAsync(_resources, _effectsPath);
        try
        {
            var id = await node.Client.ScheduleNewWorkflowAsync(nameof(DurableChainWorkflow), "crash-mid-timer", new DurableChainInput(2, 0, 3000));
            await WaitForHistoryAsync(node, id, history => history.OfType<TimerCreated>().Any(), "the timer to be created");
            var recordedBeforeKill = CompletedSteps(await node.HistoryAsync(id));

            node.Dispose();
            node = await ProcessWorkflowNode.StartAsync(_resources, _effectsPath);

            await AssertCompletedAsync(node, id, "[0][1]", recordedBeforeKill);
            var history = await node.HistoryAsync(id);
            var created = history.OfType<TimerCreated>().Single();
            Assert.True(history.OfType<OrchestratorStarted>().Last().Timestamp >= created.FireAt, "the timer fired no earlier than its due time");
        }
        finally
        {
            node.Dispose();
        }
    }

    [Fact]
    public async Task Killing_only_the_app_mid_activity_resumes_when_it_comes_back()
    {
        using var node = await ProcessWorkflowNode.StartAsync(_resources, _effectsPath);
        var id = await node.Client.ScheduleNewWorkflowAsync(nameof(DurableChainWorkflow), "crash-app-only", new DurableChainInput(3, 1500, 0));
        await WaitForAsync(() => Effects(id, 1, "start") == 1, "step 1 to start");
        var recordedBeforeKill = CompletedSteps(await node.HistoryAsync(id));

        await node.KillAndRestartAppAsync();

        await AssertCompletedAsync(node, id, "[0][1][2]", recordedBeforeKill);
    }

    [Fact]
    public async Task Killing_only_the_sidecar_mid_timer_resumes_when_it_comes_back()
    {
        using var node = await ProcessWorkflowNode.StartAsync(_resources, _effectsPath);
        var id = await node.Client.ScheduleNewWorkflowAsync(nameof(DurableChainWorkflow), "crash-sidecar-only", new DurableChainInput(2, 0, 2000));
        await WaitForHistoryAsync(node, id, history => history.OfType<TimerCreated>().Any(), "the timer to be created");
        var recordedBeforeKill = CompletedSteps(await node.HistoryAsync(id));

        await node.KillAndRestartSidecarAsync();

        await AssertCompletedAsync(node, id, "[0][1]", recordedBeforeKill);
    }

    /// <summary>Completed with the right output; every step ran to "done"; steps recorded before the kill ran exactly once.</summary>
    private async Task AssertCompletedAsync(ProcessWorkflowNode node, string id, string expectedOutput, IReadOnlySet<int> recordedBeforeKill)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var state = await node.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(expectedOutput, state.ReadOutputAs<string>());
        var steps = expectedOutput.Count(c => c == '[');
        Assert.All(Enumerable.Range(0, steps), step => Assert.True(Effects(id, step, "done") >= 1, $"step {step} never finished"));
        Assert.All(recordedBeforeKill, step => Assert.Equal(1, Effects(id, step, "start")));
    }

    private static IReadOnlySet<int> CompletedSteps(IReadOnlyList<HistoryEvent> history) =>
        history.OfType<TaskScheduled>().Where(s => history.OfType<TaskCompleted>().Any(c => c.TaskId == s.TaskId))
            .Select(s => Orchestrations.Engine.WorkflowJson.Deserialize<EffectRequest>(s.Input).Step).ToHashSet();

    private int Effects(string id, int step, string kind) =>
        File.Exists(_effectsPath) ? File.ReadAllLines(_effectsPath).Count(line => line == $"{id} {step} {kind}") : 0;

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static async Task WaitForHistoryAsync(ProcessWorkflowNode node, string id, Func<IReadOnlyList<HistoryEvent>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition(await node.HistoryAsync(id)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
