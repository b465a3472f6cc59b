using System.Net;

namespace AmazonScale.TaskQueue.Tests.Functional;

/// <summary>
/// Critical tasks: the queue delivers at least once, and fencing tokens make the effect happen exactly once. The
/// downstream store here keeps, per task, the highest token it has seen and refuses writes with a lower one — the
/// contract a worker's side-effect target must offer (a conditional write on the token).
/// </summary>
public sealed class ExactlyOnceTests(TaskQueueFixture fixture) : IClassFixture<TaskQueueFixture>
{
    private HttpClient Client => fixture.Client;

    private sealed class FencedLedger
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, (long Token, string Effect)> _effects = [];

        /// <summary>Applies the effect unless a write with an equal or higher token for this task came first.</summary>
        public bool TryApply(string taskId, long token, string effect)
        {
            lock (_lock)
            {
                if (_effects.TryGetValue(taskId, out var current) && current.Token >= token)
                {
                    return false;
                }
                _effects[taskId] = (token, effect);
                return true;
            }
        }

        public IReadOnlyDictionary<string, (long Token, string Effect)> Effects
        {
            get
            {
                lock (_lock)
                {
                    return new Dictionary<string, (long, string)>(_effects);
                }
            }
        }
    }

    [Fact]
    public async Task A_stalled_worker_and_a_duplicate_delivery_produce_one_effect()
    {
        var type = TaskApi.NewType("critical");
        var id = await Client.SubmitAsync(new { task_type = type, payload = new { amount = 100 }, critical = true });
        var ledger = new FencedLedger();

        // Worker A leases and stalls (a GC pause, a partition) past its lease: the task is delivered again.
        var stalled = await Client.LeaseNextAsync("worker-a", type, leaseSeconds: 1);
        Assert.True(stalled.GetProperty("critical").GetBoolean());
        var redelivered = await Client.LeaseNextAsync("worker-b", type);
        Assert.Equal(id, redelivered.GetProperty("task_id").GetString());

        // Worker B does the work under the newer token and completes; a retried completion is harmless.
        Assert.True(ledger.TryApply(id, redelivered.GetProperty("fencing_token").GetInt64(), "charged by B"));
        await Client.ReportOkAsync("worker-b", "complete", redelivered);
        await Client.ReportOkAsync("worker-b", "complete", redelivered);

        // Worker A wakes up: its heartbeat and completion are refused and its write is fenced off downstream.
        using (var beat = await Client.ReportAsync("worker-a", "heartbeat", stalled))
        {
            await beat.AssertProblemAsync(HttpStatusCode.Conflict);
        }
        Assert.False(ledger.TryApply(id, stalled.GetProperty("fencing_token").GetInt64(), "charged by A"));
        using (var complete = await Client.ReportAsync("worker-a", "complete", stalled))
        {
            await complete.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        Assert.Equal("charged by B", Assert.Single(ledger.Effects).Value.Effect);
        Assert.Equal("succeeded", (await Client.GetTaskAsync(id)).Status());
        Assert.Null(await Client.LeaseAsync("worker-c", type));
    }
}
