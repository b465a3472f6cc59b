// Task queue end to end on real processes (service + sidecar, SQLite actor store) against a plain-Kestrel queue and
// Hangfire (InMemory storage) doing the same no-op jobs, plus delayed-task firing accuracy and dependency chains.
// Usage: dotnet run -c Release --project bench/TaskQueueBench -- [seconds=15] [concurrency=16] [delayed=1000] [spreadSeconds=20]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AmazonScale.Bench;
using AmazonScale.Bench.TaskQueue;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var delayedCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var spread = TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20);
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));
Console.WriteLine($"load average at start: {LoadAverage()}");

var scratch = Directory.CreateTempSubdirectory("taskqueue-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
File.WriteAllText(Path.Combine(resources, "statestore.yaml"), $"""
    apiVersion: dapr.io/v1alpha1
    kind: Component
    metadata: {"{"} name: statestore {"}"}
    spec:
      type: state.sqlite
      version: v1
      metadata:
      - name: connectionString
        value: "{Path.Combine(scratch, "state.db")}"
      - name: busyTimeout
        value: "30s"
      - name: actorStateStore
        value: "true"
    """);

using var taskQueue = await TaskQueueProcess.StartAsync(resources, Path.Combine(scratch, "registry"));
using var queue = new QueueClient(taskQueue.BaseAddress);
var baselinePort = SidecarProcess.FreePort();
await using var baselineServer = await PlainQueueServer.StartAsync(baselinePort);
using var baseline = new QueueClient(new Uri($"http://127.0.0.1:{baselinePort}/"));
using var hangfire = new HangfireRunner(concurrency);

// 1. No-op tasks end to end: each worker submits a task, leases one (any), completes it.
var baselineDispatch = new LatencyHistogram();
var baselineResult = await LoadRunner.RunAsync("plain Kestrel + ConcurrentQueue (baseline): submit → lease → complete", concurrency, warmup, duration,
    (worker, _) => NoOpRoundAsync(baseline, $"b{worker}", baselineDispatch));
var queueDispatch = new LatencyHistogram();
var queueResult = await LoadRunner.RunAsync("task-queue (SQLite, sidecar): submit → lease → complete", concurrency, warmup, duration,
    (worker, _) => NoOpRoundAsync(queue, $"w{worker}", queueDispatch));
var hangfireDispatch = new LatencyHistogram();
var hangfireResult = await LoadRunner.RunAsync("Hangfire 1.8 InMemory: enqueue → no-op job ran", concurrency, warmup, duration, async (_, _) =>
{
    var dispatch = await hangfire.RunNoOpAsync();
    lock (hangfireDispatch)
    {
        hangfireDispatch.RecordMicroseconds(dispatch);
    }
});

// 2. A 3-task dependency chain a → b → c per operation (two dependency workflows), run by the submitting worker.
var chainResult = await LoadRunner.RunAsync("task-queue: 3-task chain a→b→c (2 dependency workflows) all succeeded", Math.Max(1, concurrency / 2), warmup, duration,
    (worker, _) => ChainAsync(queue, worker));

Console.WriteLine($"\nNo-op tasks end to end, {seconds}s per case after {warmup.TotalSeconds:0}s warm-up, {Environment.ProcessorCount} cores; closed loop, {concurrency} workers");
Console.WriteLine(BenchReport.ToMarkdown([(baselineResult, null), (queueResult, baselineResult), (hangfireResult, baselineResult), (chainResult, baselineResult)]));
Console.WriteLine("| dispatch latency (submit → task in a worker's hands) | p50 ms | p99 ms |\n|---|---:|---:|");
foreach (var (name, histogram) in new[] { ("plain Kestrel baseline", baselineDispatch), ("task-queue", queueDispatch), ("Hangfire InMemory", hangfireDispatch) })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {histogram.PercentileMicroseconds(50) / 1000:0.0} | {histogram.PercentileMicroseconds(99) / 1000:0.0} |"));
}

// 3. Delayed tasks: all submitted first, due over the spread window; lateness = leased (or run) − due.
Console.WriteLine($"\nDelayed tasks: {delayedCount} per system, due times spread over {spread.TotalSeconds:0}s");
Console.WriteLine("| system | submitted/s | fired | missing | duplicates | earliest ms | p50 ms late | p99 ms late | max ms late |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|");
Console.WriteLine(await DelayedTaskQueueAsync(queue, delayedCount, spread, concurrency));
Console.WriteLine(await DelayedHangfireAsync(delayedCount, spread));
Console.WriteLine($"\nload average at end: {LoadAverage()}");
Directory.Delete(scratch, recursive: true);

static async Task NoOpRoundAsync(QueueClient client, string workerId, LatencyHistogram dispatch)
{
    await client.SubmitAsync(new { task_type = "noop", payload = new { t = Stopwatch.GetTimestamp() } });
    var lease = await client.LeaseAsync(workerId, "noop", TimeSpan.FromSeconds(30)) ?? throw new TimeoutException("no task became ready within 30 s");
    var submitted = lease.GetProperty("payload").GetProperty("t").GetInt64();
    lock (dispatch)
    {
        dispatch.RecordMicroseconds((long)Stopwatch.GetElapsedTime(submitted).TotalMicroseconds);
    }
    await client.CompleteAsync(workerId, lease);
}

static async Task ChainAsync(QueueClient client, int worker)
{
    var type = $"chain-{worker}";
    object Node(string reference, params string[] dependencies) =>
        new { @ref = reference, task = new { task_type = type, payload = reference, dependencies } };
    await client.SubmitBatchAsync(new { tasks = new[] { Node("a"), Node("b", "a"), Node("c", "b") } });
    for (var step = 0; step < 3; step++)
    {
        var lease = await client.LeaseAsync($"chain-worker-{worker}", type, TimeSpan.FromSeconds(60)) ?? throw new TimeoutException("chain step not ready within 60 s");
        await client.CompleteAsync($"chain-worker-{worker}", lease);
    }
}

static async Task<string> DelayedTaskQueueAsync(QueueClient client, int count, TimeSpan spread, int concurrency)
{
    var lead = TimeSpan.FromSeconds(Math.Max(10, count / 100.0));
    var start = DateTimeOffset.UtcNow + lead;
    var submitClock = Stopwatch.StartNew();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
        {
            var due = start + spread * i / count;
            await client.SubmitAsync(new { task_type = "delayed", payload = new { due = due.UtcTicks }, scheduled_at = due });
        }
    }));
    var submitRate = count / submitClock.Elapsed.TotalSeconds;
    if (DateTimeOffset.UtcNow > start)
    {
        Console.WriteLine($"(submission took longer than the {lead.TotalSeconds:0}s lead: the earliest tasks were due before all were submitted)");
    }

    var lateness = new ConcurrentBag<double>();
    var seen = new ConcurrentDictionary<string, int>();
    var deadline = start + spread + TimeSpan.FromSeconds(30);
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        while (seen.Count < count && DateTimeOffset.UtcNow < deadline)
        {
            if (await client.TryLeaseAsync($"d{worker}", "delayed") is not { } lease)
            {
                await Task.Delay(5);
                continue;
            }
            var due = new DateTimeOffset(lease.GetProperty("payload").GetProperty("due").GetInt64(), TimeSpan.Zero);
            lateness.Add((DateTimeOffset.UtcNow - due).TotalMilliseconds);
            seen.AddOrUpdate(lease.GetProperty("task_id").GetString()!, 1, (_, n) => n + 1);
            await client.CompleteAsync($"d{worker}", lease);
        }
    }));
    return Row("task-queue (reminders)", submitRate, count, seen, lateness);
}

static async Task<string> DelayedHangfireAsync(int count, TimeSpan spread)
{
    var lead = TimeSpan.FromSeconds(5);
    var start = DateTimeOffset.UtcNow + lead;
    var submitClock = Stopwatch.StartNew();
    var ids = Enumerable.Range(0, count).Select(i => HangfireRunner.Schedule(start + spread * i / count)).ToList();
    var submitRate = count / submitClock.Elapsed.TotalSeconds;
    var deadline = start + spread + TimeSpan.FromSeconds(30);
    while (ids.Any(id => !HangfireRunner.FireCounts.ContainsKey(id)) && DateTimeOffset.UtcNow < deadline)
    {
        await Task.Delay(200);
    }
    return Row("Hangfire InMemory (1 s schedule poll)", submitRate, count, HangfireRunner.FireCounts, HangfireRunner.Lateness);
}

static string Row(string name, double submitRate, int count, IReadOnlyDictionary<string, int> fired, IEnumerable<double> lateness)
{
    var sorted = lateness.Order().ToList();
    double At(double percentile) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(percentile / 100 * sorted.Count))];
    return string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {submitRate:0} | {fired.Count} | {count - fired.Count} | {fired.Values.Count(n => n > 1)} | {(sorted.Count > 0 ? sorted[0] : double.NaN):0} | {At(50):0} | {At(99):0} | {(sorted.Count > 0 ? sorted[^1] : double.NaN):0} |");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
