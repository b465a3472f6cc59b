// Task queue end to end on real processes (service + sidecar, SQLite actor store) against a plain-Kestrel queue and
// Hangfire (InMemory storage) doing the same no-op jobs — one task per call and, for the queue and its baseline,
// batches (submit N, lease max=N, complete N per call) — plus delayed-task firing accuracy and dependency chains.
// Usage: dotnet run -c Release --project bench/TaskQueueBench -- [seconds=15] [concurrency=16] [delayed=10000] [spreadSeconds=20] [batch=100]
//        [--sqlite-query "_pragma=synchronous(NORMAL)"]  (query options appended to the state store's connection string)
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AmazonScale.Bench;
using AmazonScale.Bench.TaskQueue;

var sqliteQuery = args.SkipWhile(arg => arg != "--sqlite-query").Skip(1).FirstOrDefault();
args = args.TakeWhile(arg => arg != "--sqlite-query").ToArray();
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var delayedCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
var spread = TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20);
var batch = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 100;
var duration = TimeSpan.FromSeconds(seconds);
const string WorkerKey = "bench-worker-key";
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));
Console.WriteLine($"load average at start: {LoadAverage()}{(sqliteQuery is null ? "" : $"; state store connection options: {sqliteQuery}")}");

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
        value: "file:{Path.Combine(scratch, "state.db")}{(sqliteQuery is null ? "" : "?" + sqliteQuery)}"
      - name: busyTimeout
        value: "30s"
      - name: actorStateStore
        value: "true"
    """);

var (port, daprHttp, daprGrpc) = (SidecarProcess.FreePort(), SidecarProcess.FreePort(), SidecarProcess.FreePort());
using var taskQueue = AppProcess.Start("task-queue", RepositoryPaths.BuiltDll(Path.Combine("services", "TaskQueue"), "AmazonScale.TaskQueue.dll"), port, new Dictionary<string, string>
{
    ["DAPR_HTTP_PORT"] = daprHttp.ToString(CultureInfo.InvariantCulture),
    ["DAPR_GRPC_PORT"] = daprGrpc.ToString(CultureInfo.InvariantCulture),
    ["APP_ID"] = "task-queue",
    ["TaskQueue__WorkerKey"] = WorkerKey,
});
using var sidecar = await SidecarProcess.StartAsync("task-queue", port, resources, Path.Combine(scratch, "registry"), daprHttp, daprGrpc);
await taskQueue.WaitHealthyAsync(TimeSpan.FromSeconds(60));
using var queue = new QueueClient(taskQueue.BaseAddress, WorkerKey);
var baselinePort = SidecarProcess.FreePort();
await using var baselineServer = await PlainQueueServer.StartAsync(baselinePort);
using var baseline = new QueueClient(new Uri($"http://127.0.0.1:{baselinePort}/"), WorkerKey);
using var hangfire = new HangfireRunner(concurrency);

// 1. No-op tasks end to end: each worker submits, leases (any task of the type) and completes — one task per call,
//    then `batch` tasks per call.
var single = (Baseline: new LatencyHistogram(), Queue: new LatencyHistogram());
var batched = (Baseline: new LatencyHistogram(), Queue: new LatencyHistogram());
var hangfireDispatch = new LatencyHistogram();
var baselineResult = await LoadRunner.RunAsync("plain Kestrel + ConcurrentQueue (baseline): submit → lease → complete", concurrency, warmup, duration,
    (worker, _) => NoOpRoundAsync(baseline, $"b{worker}", 1, single.Baseline));
var queueResult = await LoadRunner.RunAsync("task-queue (SQLite, sidecar): submit → lease → complete", concurrency, warmup, duration,
    (worker, _) => NoOpRoundAsync(queue, $"w{worker}", 1, single.Queue));
var baselineBatchResult = await LoadRunner.RunAsync($"plain Kestrel baseline: {batch} per call (batch submit → lease max → batch complete)", concurrency, warmup, duration,
    (worker, _) => NoOpRoundAsync(baseline, $"bb{worker}", batch, batched.Baseline));
var queueBatchCpu = ProcessCpu.DuringMeasurementAsync(warmup, duration, () => taskQueue.TotalProcessorTime, () => sidecar.TotalProcessorTime);
var queueBatchResult = await LoadRunner.RunAsync($"task-queue: {batch} per call (batch submit → lease max → batch complete)", concurrency, warmup, duration,
    (worker, _) => NoOpRoundAsync(queue, $"wb{worker}", batch, batched.Queue));
var hangfireResult = await LoadRunner.RunAsync("Hangfire 1.8 InMemory: enqueue → no-op job ran", concurrency, warmup, duration, async (_, _) =>
{
    var latency = await hangfire.RunNoOpAsync();
    lock (hangfireDispatch)
    {
        hangfireDispatch.RecordMicroseconds(latency);
    }
});

var queueBatchCost = (await queueBatchCpu).Select(cpu => cpu.TotalMilliseconds / Math.Max(1, queueBatchResult.Latency.Count * batch)).ToArray();

// 2. A 3-task dependency chain a → b → c per operation (two dependency workflows), run by the submitting worker.
var chainResult = await LoadRunner.RunAsync("task-queue: 3-task chain a→b→c (2 dependency workflows) all succeeded", Math.Max(1, concurrency / 2), warmup, duration,
    (worker, _) => ChainAsync(queue, worker));

Console.WriteLine($"\nNo-op tasks end to end, {seconds}s per case after {warmup.TotalSeconds:0}s warm-up, {Environment.ProcessorCount} cores; closed loop, {concurrency} workers (an op is one round of 1 or {batch} tasks)");
Console.WriteLine(BenchReport.ToMarkdown([(baselineResult, null), (queueResult, baselineResult), (baselineBatchResult, null), (queueBatchResult, baselineBatchResult),
    (hangfireResult, baselineResult), (chainResult, baselineResult)]));
Console.WriteLine("| tasks end to end | tasks/s | dispatch p50 ms (submit → in a worker's hands) | dispatch p99 ms |\n|---|---:|---:|---:|");
foreach (var (name, tasksPerOp, result, histogram) in new[] { ("plain Kestrel baseline, 1 per call", 1, baselineResult, single.Baseline), ("task-queue, 1 per call", 1, queueResult, single.Queue),
    ($"plain Kestrel baseline, {batch} per call", batch, baselineBatchResult, batched.Baseline), ($"task-queue, {batch} per call", batch, queueBatchResult, batched.Queue),
    ("Hangfire InMemory, 1 per call", 1, hangfireResult, hangfireDispatch) })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {result.Throughput * tasksPerOp:0} | {histogram.PercentileMicroseconds(50) / 1000:0.0} | {histogram.PercentileMicroseconds(99) / 1000:0.0} |"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\nCPU per task, task-queue {batch} per call (measured window): service {queueBatchCost[0]:0.000} ms + sidecar {queueBatchCost[1]:0.000} ms = {queueBatchCost.Sum():0.000} ms"));

// 3. Delayed tasks: all submitted first, due over the spread window; lateness = leased (or run) − due.
Console.WriteLine($"\nDelayed tasks: {delayedCount} per system, due times spread over {spread.TotalSeconds:0}s");
Console.WriteLine("| system | submitted/s | fired | missing | duplicates | earliest ms | p50 ms late | p99 ms late | max ms late |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|");
Console.WriteLine(await DelayedTaskQueueAsync(queue, delayedCount, spread, concurrency, batch));
Console.WriteLine(await DelayedHangfireAsync(delayedCount, spread));
Console.WriteLine($"\nload average at end: {LoadAverage()}");
Directory.Delete(scratch, recursive: true);

static async Task NoOpRoundAsync(QueueClient client, string workerId, int count, LatencyHistogram dispatch)
{
    var type = count == 1 ? "noop" : "noop-batch";
    var tasks = Enumerable.Range(0, count).Select(_ => (object)new { task_type = type, payload = new { t = Stopwatch.GetTimestamp() } }).ToList();
    if (count == 1)
    {
        await client.SubmitAsync(tasks[0]);
    }
    else
    {
        await client.SubmitManyAsync(tasks);
    }
    var leases = await client.LeaseAsync(workerId, type, count, batch: count > 1, TimeSpan.FromSeconds(30));
    lock (dispatch)
    {
        leases.ForEach(lease => dispatch.RecordMicroseconds((long)Stopwatch.GetElapsedTime(lease.GetProperty("payload").GetProperty("t").GetInt64()).TotalMicroseconds));
    }
    if (count == 1)
    {
        await client.CompleteAsync(workerId, leases[0]);
    }
    else
    {
        await client.CompleteManyAsync(workerId, leases);
    }
}

static async Task ChainAsync(QueueClient client, int worker)
{
    var type = $"chain-{worker}";
    object Node(string reference, params string[] dependencies) =>
        new { @ref = reference, task = new { task_type = type, payload = reference, dependencies } };
    await client.SubmitBatchAsync(new { tasks = new[] { Node("a"), Node("b", "a"), Node("c", "b") } });
    for (var step = 0; step < 3; step++)
    {
        var lease = (await client.LeaseAsync($"chain-worker-{worker}", type, 1, batch: false, TimeSpan.FromSeconds(60)))[0];
        await client.CompleteAsync($"chain-worker-{worker}", lease);
    }
}

static async Task<string> DelayedTaskQueueAsync(QueueClient client, int count, TimeSpan spread, int concurrency, int batch)
{
    // Submission must end before the first task is due: on a loaded 2-core box batches go in at a few hundred tasks/s.
    var lead = TimeSpan.FromSeconds(Math.Max(10, count / 400.0));
    var start = DateTimeOffset.UtcNow + lead;
    var submitClock = Stopwatch.StartNew();
    var chunks = Enumerable.Range(0, count).Chunk(batch).ToList();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, Math.Min(4, concurrency)).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < chunks.Count; i = Interlocked.Increment(ref next))
        {
            await client.SubmitManyAsync(chunks[i].Select(n => start + spread * n / count)
                .Select(due => (object)new { task_type = "delayed", payload = new { due = due.UtcTicks }, scheduled_at = due }));
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
            var leases = await client.TryLeaseAsync($"d{worker}", "delayed", batch);
            if (leases.Count == 0)
            {
                await Task.Delay(5);
                continue;
            }
            foreach (var lease in leases)
            {
                var due = new DateTimeOffset(lease.GetProperty("payload").GetProperty("due").GetInt64(), TimeSpan.Zero);
                lateness.Add((DateTimeOffset.UtcNow - due).TotalMilliseconds);
                seen.AddOrUpdate(lease.GetProperty("task_id").GetString()!, 1, (_, n) => n + 1);
            }
            await client.CompleteManyAsync($"d{worker}", leases);
        }
    }));
    return Row($"task-queue (one sweep reminder per shard, batch submit/lease)", submitRate, count, seen, lateness);
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
