// Workflow instances/s for a 3-activity chain through the sidecar, against a hand-rolled chain of three
// state-saving actor calls measured in the same run.
// Usage: dotnet run -c Release --project bench/OrchestrationBench -- [seconds=15] [concurrency=32] [store=in-memory|sqlite]
using System.Diagnostics;
using System.Globalization;
using AmazonScale.Bench;
using AmazonScale.Bench.Orchestration;
using AmazonScale.Orchestrations;
using Dapr.Actors;
using Dapr.Actors.Client;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
var store = args.Length > 2 ? args[2] : "in-memory";
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));

var scratch = Directory.CreateTempSubdirectory("orchestration-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
var storeMetadata = store == "sqlite" ? $"\n  - name: connectionString\n    value: \"{Path.Combine(scratch, "state.db")}\"" : "";
File.WriteAllText(Path.Combine(resources, "actorstore.yaml"), $"""
    apiVersion: dapr.io/v1alpha1
    kind: Component
    metadata: {"{"} name: actorstore {"}"}
    spec:
      type: state.{store}
      version: v1
      metadata:
      - name: actorStateStore
        value: "true"{storeMetadata}
    """);

var appPort = SidecarProcess.FreePort();
var sidecarPort = SidecarProcess.FreePort();
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(appPort));
builder.Services.AddDaprWorkflow(options =>
{
    options.AppId = "orchestration-bench";
    options.RegisterWorkflow<ChainWorkflow>();
    options.RegisterActivity<IncrementActivity>();
});
builder.Services.AddActors(actors =>
{
    actors.HttpEndpoint = $"http://127.0.0.1:{sidecarPort}";
    actors.Actors.RegisterActor<StepActor>();
});
await using var app = builder.Build();
app.MapActorsHandlers();
await app.StartAsync();
using var sidecar = await SidecarProcess.StartAsync("orchestration-bench", appPort, resources, Path.Combine(scratch, "registry"), sidecarPort);

var client = app.Services.GetRequiredService<DaprWorkflowClient>();
var proxies = app.Services.GetRequiredService<IActorProxyFactory>();

var handRolled = await LoadRunner.RunAsync("3 actor calls saving state (baseline, not durable)", concurrency, warmup, duration, async (worker, _) =>
{
    var proxy = proxies.Create(new ActorId($"chain-{worker}-{Guid.NewGuid():N}"), nameof(StepActor));
    var value = 0;
    for (var step = 0; step < 3; step++)
    {
        value = await proxy.InvokeMethodAsync<int, int>(nameof(IStepActor.StepAsync), value);
    }
});
var workflows = await RunWorkflowsAsync(client, concurrency, warmup, duration);

Console.WriteLine($"3-activity workflow chain, {seconds}s per case, {Environment.ProcessorCount} cores, actor state store state.{store}, schedule calls retried: {ScheduleRetries.Count}");
Console.WriteLine(BenchReport.ToMarkdown([(handRolled, null), (workflows, handRolled)]));
await app.StopAsync();
Directory.Delete(scratch, recursive: true);

// Closed loop: each worker schedules an instance and waits for it to complete. Latency is the engine's own
// record (created → last updated), so the client's 50 ms completion polling does not quantize it.
static async Task<BenchResult> RunWorkflowsAsync(DaprWorkflowClient client, int concurrency, TimeSpan warmup, TimeSpan duration)
{
    await RunPhaseAsync(client, concurrency, warmup, new LatencyHistogram());
    var total = new LatencyHistogram();
    var clock = Stopwatch.StartNew();
    await RunPhaseAsync(client, concurrency, duration, total);
    return new BenchResult("workflow: schedule → 3 activities → completed", concurrency, clock.Elapsed, total);
}

// A failed schedule is retried with the same instance id (scheduling is idempotent), as a real caller would.
static async Task<string> ScheduleWithRetriesAsync(DaprWorkflowClient client, string id)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            return await client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), id, 0);
        }
        catch (Dapr.DaprApiException) when (attempt < 5)
        {
            Interlocked.Increment(ref ScheduleRetries.Count);
        }
    }
}

static async Task RunPhaseAsync(DaprWorkflowClient client, int concurrency, TimeSpan length, LatencyHistogram histogram)
{
    using var stop = new CancellationTokenSource(length);
    var perWorker = Enumerable.Range(0, concurrency).Select(_ => new LatencyHistogram()).ToArray();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        while (!stop.IsCancellationRequested)
        {
            var id = await ScheduleWithRetriesAsync(client, Guid.NewGuid().ToString("N"));
            var state = await client.WaitForWorkflowCompletionAsync(id, getInputsAndOutputs: true);
            if (state.RuntimeStatus != WorkflowRuntimeStatus.Completed || state.ReadOutputAs<int>() != 3)
            {
                throw new InvalidOperationException($"instance {id} ended {state.RuntimeStatus}: {state.FailureDetails?.ErrorMessage}");
            }
            perWorker[worker].RecordMicroseconds((long)(state.LastUpdatedAt - state.CreatedAt).TotalMicroseconds);
        }
    }));
    foreach (var worker in perWorker)
    {
        histogram.Merge(worker);
    }
}

/// <summary>Schedule calls that failed (the sidecar answered an error) and were retried.</summary>
internal static class ScheduleRetries
{
    public static int Count;
}
