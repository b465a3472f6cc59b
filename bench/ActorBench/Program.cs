// Actor method calls through the sidecar (one id, 10K ids) vs a plain HTTP call to the same app, and the
// reminder fire rate, measured in one run.
// Usage: dotnet run -c Release --project bench/ActorBench -- [seconds=10] [concurrency=16] [reminders=1000]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AmazonScale.Bench;
using AmazonScale.Bench.Actors;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var reminderCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));
const int ManyIds = 10_000;

var appPort = SidecarProcess.FreePort();
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(appPort));
builder.Services.AddActors(options => options.Actors.RegisterActor<BenchActor>());
await using var app = builder.Build();
app.MapActorsHandlers();
app.MapPut("/plain/{value:int}", (int value) => Results.Json(value));
await app.StartAsync();

var scratch = Directory.CreateTempSubdirectory("actor-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
File.WriteAllText(Path.Combine(resources, "actorstore.yaml"), """
    apiVersion: dapr.io/v1alpha1
    kind: Component
    metadata: { name: actorstore }
    spec:
      type: state.in-memory
      version: v1
      metadata:
      - name: actorStateStore
        value: "true"
    """);
using var sidecar = await SidecarProcess.StartAsync("actor-bench", appPort, resources, Path.Combine(scratch, "registry"));

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false });

// Weakly typed calls (JSON in, JSON out), as ActorProxy.InvokeMethodAsync sends them, so client-side SDK cost stays out of the ratio.
Func<int, CancellationToken, Task> Put(Func<int, string> url) => async (worker, ct) =>
{
    using var response = await http.PutAsync(url(worker), new StringContent("42", Encoding.UTF8, "application/json"), ct);
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync(ct);
};
var actorBase = $"http://127.0.0.1:{sidecar.HttpPort}/v1.0/actors/{nameof(BenchActor)}";

var plain = await LoadRunner.RunAsync("plain HTTP to the app (baseline)", concurrency, warmup, duration, Put(_ => $"http://127.0.0.1:{appPort}/plain/42"));
var oneId = await LoadRunner.RunAsync("actor method, one id (turns serialise)", concurrency, warmup, duration,
    Put(_ => $"{actorBase}/hot/method/{nameof(IBenchActor.EchoAsync)}"));
var manyIds = await LoadRunner.RunAsync($"actor method, {ManyIds:N0} ids", concurrency, warmup, duration,
    Put(_ => $"{actorBase}/id-{Random.Shared.Next(ManyIds)}/method/{nameof(IBenchActor.EchoAsync)}"));

// Reminder fire rate: every reminder is due at once and every 100 ms; the sidecar fires, waits for the app and persists progress.
// Durations in the .NET SDK's own format: its callback parser needs all of h, m, s and ms.
var registration = """{"dueTime":"0h0m0s0ms","period":"0h0m0s100ms","data":""}""";
await Parallel.ForEachAsync(Enumerable.Range(0, reminderCount), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
{
    using var response = await http.PutAsync($"{actorBase}/rem-{i}/reminders/tick", new StringContent(registration, Encoding.UTF8, "application/json"), ct);
    response.EnsureSuccessStatusCode();
});
await Task.Delay(warmup);
var firesBefore = BenchActor.ReminderFires;
var clock = Stopwatch.StartNew();
await Task.Delay(duration);
var fireRate = (BenchActor.ReminderFires - firesBefore) / clock.Elapsed.TotalSeconds;

Console.WriteLine($"Actors, {seconds}s per case, concurrency {concurrency}, {Environment.ProcessorCount} cores");
Console.WriteLine(BenchReport.ToMarkdown([(plain, null), (oneId, plain), (manyIds, plain)]));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Reminder fires: {fireRate:0}/s with {reminderCount} reminders every 100 ms (ideal {reminderCount * 10}/s)"));
await app.StopAsync();
Directory.Delete(scratch, recursive: true);
