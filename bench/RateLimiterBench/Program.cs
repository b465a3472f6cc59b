// Rate limiter: in-process decisions/s/core, the HTTP check endpoint and Envoy gRPC ShouldRateLimit against a plain
// Kestrel endpoint measured in the same run, and accuracy (admitted vs limit) of a global policy under load.
// Usage: dotnet run -c Release --project bench/RateLimiterBench -- [seconds=10] [concurrency=64] [openLoopFraction=0.5] [wrkThreads=2]
// The HTTP check and the baseline run three ways: closed loop from the .NET load generator (every connection back to
// back = saturation, where latency is mostly queue depth), open loop at openLoopFraction × the baseline's saturation
// rate (the same offered rate for both), and closed loop from wrk (`wrk -t<wrkThreads> -c<concurrency>`), whose far
// cheaper requests leave more of the cores to the server. The wrk cases are skipped when wrk is not installed.
using System.Globalization;
using System.Net.Http.Json;
using AmazonScale.Bench;
using AmazonScale.Bench.RateLimiter;
using AmazonScale.RateLimiter.Checks;
using AmazonScale.RateLimiter.Domain;
using AmazonScale.RateLimiter.Envoy.Protocol;
using Grpc.Net.Client;

if (await PlainKestrel.ServeIfAskedAsync(args, MapBaseline))
{
    return;
}

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
var openLoopFraction = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.5;
var wrkThreads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));
const string adminKey = "bench-admin-key";

Console.WriteLine($"In-process decisions, one thread, {Math.Min(5, seconds)}s per case ({Environment.ProcessorCount} cores):");
Console.WriteLine("| case | decisions/s/core |\n|---|---:|");
foreach (var (name, perSecond) in InProcessDecisions.Run(TimeSpan.FromSeconds(Math.Min(5, seconds))))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {perSecond:N0} |"));
}

// Baselines: a plain Kestrel endpoint answering a JSON body of the same shape, in this process and as its own process.
var (baselinePort, baselineProcessPort) = (SidecarProcess.FreePort(), SidecarProcess.FreePort());
await using var baseline = await PlainKestrel.StartInProcessAsync(baselinePort, MapBaseline);
using var baselineProcess = await PlainKestrel.StartProcessAsync(baselineProcessPort);

var scratch = Directory.CreateTempSubdirectory("ratelimiter-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
File.WriteAllText(Path.Combine(resources, "statestore.yaml"), """
    apiVersion: dapr.io/v1alpha1
    kind: Component
    metadata: { name: statestore }
    spec:
      type: state.in-memory
      version: v1
      metadata: [ { name: actorStateStore, value: "true" } ]
    """);
foreach (var name in new[] { "pubsub", "broadcast" })
{
    File.WriteAllText(Path.Combine(resources, $"{name}.yaml"), $$"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata: { name: {{name}} }
        spec: { type: pubsub.in-memory, version: v1 }
        """);
}
var (httpPort, grpcPort, daprHttpPort, daprGrpcPort) = (SidecarProcess.FreePort(), SidecarProcess.FreePort(), SidecarProcess.FreePort(), SidecarProcess.FreePort());
// The service starts first: the sidecar only reports ready once its app answers.
using var service = AppProcess.Start("rate-limiter", RepositoryPaths.BuiltDll(Path.Combine("services", "RateLimiter"), "AmazonScale.RateLimiter.dll"), httpPort, new Dictionary<string, string>
{
    // The service binds its endpoints from RateLimiter:Kestrel (HTTP/1.1 API and the h2c gRPC port), not from ASPNETCORE_URLS.
    ["ASPNETCORE_URLS"] = "",
    ["RateLimiter__Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
    ["RateLimiter__Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort.ToString(CultureInfo.InvariantCulture)}",
    ["DAPR_HTTP_PORT"] = daprHttpPort.ToString(CultureInfo.InvariantCulture),
    ["DAPR_GRPC_PORT"] = daprGrpcPort.ToString(CultureInfo.InvariantCulture),
    ["RateLimiter__AdminKey"] = adminKey,
});
using var sidecar = await SidecarProcess.StartAsync("rate-limiter", httpPort, resources, Path.Combine(scratch, "registry"), daprHttpPort, daprGrpcPort);
await service.WaitHealthyAsync(TimeSpan.FromSeconds(60));

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false }) { BaseAddress = service.BaseAddress };
http.DefaultRequestHeaders.Add("X-Admin-Key", adminKey);
async Task CreatePolicyAsync(object policy) => (await http.PostAsJsonAsync("api/v1/policies", policy)).EnsureSuccessStatusCode();
// Global (actor-owned, leased) policies: a generous per-user one for throughput, a tight shared one for accuracy.
await CreatePolicyAsync(new { id = "per-user", algorithm = "token_bucket", limit = 1_000_000_000, window = "1m", key = new[] { "user" } });
await CreatePolicyAsync(new { id = "edge", algorithm = "fixed_window", limit = 1_000_000_000, window = "1m", key = new[] { "path" }, match = new Dictionary<string, string> { ["domain"] = "edge" } });

var users = Enumerable.Range(0, 1024).Select(user => "{\"descriptors\":{\"user\":\"u" + user + "\"}}").ToArray();
Func<int, CancellationToken, Task> Post(HttpClient client, string url) => async (worker, ct) =>
{
    using var response = await client.PostAsync(url, new StringContent(users[(worker * 7919 + Environment.TickCount) & 1023], System.Text.Encoding.UTF8, "application/json"), ct);
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync(ct);
};
var plain = await LoadRunner.RunAsync("plain Kestrel JSON endpoint in the load generator's process", concurrency, warmup, duration, Post(http, $"http://127.0.0.1:{baselinePort}/check"));
// CPU per request from /proc over each measured window: on a shared, loaded box much steadier than throughput or p99.
var baselineCpu = ProcessCpu.DuringMeasurementAsync(warmup, duration, () => baselineProcess.TotalProcessorTime);
var plainProcess = await LoadRunner.RunAsync("plain Kestrel JSON endpoint, own process (baseline)", concurrency, warmup, duration, Post(http, $"http://127.0.0.1:{baselineProcessPort}/check"));
// Every key's first check waits for its first lease (an actor activation and a state write each): take those 1,024
// round trips before measuring, so the check case measures the steady state (leases spent locally, renewed in the background).
await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (user, ct) =>
{
    using var response = await http.PostAsync("api/v1/ratelimit/check", new StringContent(user, System.Text.Encoding.UTF8, "application/json"), ct);
    response.EnsureSuccessStatusCode();
});
var checkCpu = ProcessCpu.DuringMeasurementAsync(warmup, duration, () => service.TotalProcessorTime, () => sidecar.TotalProcessorTime);
var check = await LoadRunner.RunAsync("POST /api/v1/ratelimit/check (global token bucket, 1024 keys)", concurrency, warmup, duration, Post(http, "api/v1/ratelimit/check"));
var (baselineCost, checkCost) = ((await baselineCpu)[0] / plainProcess.Latency.Count, (await checkCpu).Select(cpu => cpu / check.Latency.Count).ToArray());

using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
var envoy = new RateLimitService.RateLimitServiceClient(channel);
var grpc = await LoadRunner.RunAsync("gRPC ShouldRateLimit (1 descriptor)", concurrency, warmup, duration, async (worker, ct) =>
{
    var request = new RateLimitRequest { Domain = "edge" };
    request.Descriptors.Add(new RateLimitDescriptor { Entries = { new RateLimitDescriptor.Types.Entry { Key = "path", Value = $"/p{worker % 16}" } } });
    await envoy.ShouldRateLimitAsync(request, cancellationToken: ct);
});

var openLoopRate = openLoopFraction * plainProcess.Throughput;
var (openPlain, openCheck) = await OpenLoopRunner.PairAsync(openLoopRate, concurrency, warmup, duration,
    ("plain Kestrel JSON endpoint, own process (baseline)", Post(http, $"http://127.0.0.1:{baselineProcessPort}/check")),
    ("POST /api/v1/ratelimit/check (global token bucket, 1024 keys)", Post(http, "api/v1/ratelimit/check")));

Console.WriteLine($"\nHTTP and gRPC, closed loop (saturation), {seconds}s per case, concurrency {concurrency}, service + sidecar + load generator on {Environment.ProcessorCount} cores:");
Console.WriteLine(BenchReport.ToMarkdown([(plain, null), (plainProcess, null), (check, plainProcess), (grpc, plainProcess)]));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Against the in-process baseline instead: HTTP check {check.Throughput / plain.Throughput:0.00}x, gRPC {grpc.Throughput / plain.Throughput:0.00}x."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CPU per request, closed loop: plain Kestrel process {baselineCost.TotalMicroseconds:0} us; service {checkCost[0].TotalMicroseconds:0} us + sidecar {checkCost[1].TotalMicroseconds:0} us per check."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\nHTTP check, open loop at {openLoopFraction:0.##} × the baseline's closed-loop rate ({openLoopRate:0}/s offered to each), latency from each request's due time:"));
Console.WriteLine(BenchReport.ToMarkdown([(openPlain, null), (openCheck, openPlain)]));

if (WrkRunner.IsInstalled)
{
    // The same 1,024 bodies as the .NET generator sends, round robin per wrk thread.
    WrkScript Bodies(string path) => WrkScript.Cycle("POST", [.. users.Select(user => new WrkRequest(path, user))], new Dictionary<string, string> { ["Content-Type"] = "application/json" });
    var wrkPlain = await WrkRunner.RunAsync("plain Kestrel JSON endpoint, own process (baseline)", new Uri($"http://127.0.0.1:{baselineProcessPort}/check"),
        wrkThreads, concurrency, warmup, duration, Bodies("/check"), ("plain Kestrel", () => baselineProcess.TotalProcessorTime));
    var wrkCheck = await WrkRunner.RunAsync("POST /api/v1/ratelimit/check (global token bucket, 1024 keys)", new Uri(service.BaseAddress, "api/v1/ratelimit/check"),
        wrkThreads, concurrency, warmup, duration, Bodies("/api/v1/ratelimit/check"), ("service", () => service.TotalProcessorTime), ("its sidecar", () => sidecar.TotalProcessorTime));
    Console.WriteLine($"\nHTTP check, closed loop from wrk -t{wrkThreads} -c{concurrency} ({seconds}s per case after a warm-up; CPU from /proc over the measured run):");
    Console.WriteLine(BenchReport.ToMarkdown([(wrkPlain, null), (wrkCheck, wrkPlain)]));
}
else
{
    Console.WriteLine($"\n{WrkRunner.InstallHint}");
}

// Accuracy: one global key, limit 5000 per day (no refill during the run), hammered by every worker.
const int limit = 5000;
await CreatePolicyAsync(new { id = "accuracy", algorithm = "token_bucket", limit, window = "1d", key = new[] { "tenant" } });
long admitted = 0, answered = 0;
await LoadRunner.RunAsync("accuracy", concurrency, TimeSpan.Zero, TimeSpan.FromSeconds(Math.Min(5, seconds)), async (_, ct) =>
{
    using var response = await http.PostAsync("api/v1/ratelimit/check", new StringContent("""{"descriptors":{"tenant":"t1"}}""", System.Text.Encoding.UTF8, "application/json"), ct);
    var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(ct);
    Interlocked.Increment(ref answered);
    if ((bool)body!["allowed"]!)
    {
        Interlocked.Increment(ref admitted);
    }
});
Console.WriteLine($"\nAccuracy: {admitted} admitted of {answered} checks against a global limit of {limit} (documented worst case: limit + instances × 2 × lease size = {limit} + {2 * (long)Math.Ceiling(limit * 0.1)} for one instance).");
await baseline.StopAsync();
Directory.Delete(scratch, recursive: true);

// The same work a check's HTTP shell does without the decision: read the request into the service's own contract, answer
// the service's response type (one verdict) and RateLimit headers, all in snake_case JSON.
static void MapBaseline(WebApplication app)
{
    var snakeCase = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };
    app.MapPost("/check", async (HttpRequest request, HttpResponse response) =>
    {
        var body = await request.ReadFromJsonAsync<CheckBody>(snakeCase);
        var now = DateTimeOffset.UtcNow;
        var policy = body?.Descriptors?.Count > 0 ? "per-user" : null;
        response.Headers[RateLimitHeaders.PolicyHeader] = "\"per-user\";q=1000000000;w=60";
        response.Headers[RateLimitHeaders.LimitHeader] = "\"per-user\";r=41;t=60";
        return Results.Json(new CheckResponse(true, 41, now, 0, policy, [new PolicyVerdict("per-user", true, false, 1_000_000_000, 41, now, 0)]), snakeCase);
    });
}
