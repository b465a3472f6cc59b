// URL shortener: redirects through the service (in-process cache, click queued) vs a plain Kestrel 302 in the
// same run, creates/s, and analytics lag (click -> visible in the report) while redirects are under load.
// Usage: dotnet run -c Release --project bench/UrlShortenerBench -- [seconds=10] [concurrency=64] [clickQueueCapacity=50000] [openLoopFraction=0.5] [topology=split|single] [store=sqlite|memory]
// Redirects and the baseline run closed loop (saturation) and then open loop at openLoopFraction × the baseline's rate.
// (clickQueueCapacity=1 drops nearly every click: it measures the redirect path without the analytics pipeline.)
// topology=split (default) runs the service as deployed: a redirect edge (UrlShortener__ConsumeVisits=false) and an
// analytics consumer, each its own process with its own sidecar, sharing one SQLite state file; redirects, creates and
// analytics reads go to the edge. topology=single runs one process that does both (store=memory: the in-memory state
// store of the sessions before 7, which only a single process can use).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Bench;

if (await PlainKestrel.ServeIfAskedAsync(args, MapBaseline))
{
    return;
}

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
var clickQueueCapacity = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50_000;
var openLoopFraction = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0.5;
var topology = args.Length > 4 ? args[4] : "split";
var store = args.Length > 5 ? args[5] : "sqlite";
if (topology is not ("split" or "single") || store is not ("sqlite" or "memory") || (topology, store) is ("split", "memory"))
{
    throw new ArgumentException("topology is split or single; store is sqlite or memory (memory only with single: each sidecar has its own)");
}
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));
const string AdminKey = "bench-admin-key";

var scratch = Directory.CreateTempSubdirectory("urlshortener-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
void WriteComponent(string name, string type, string metadata) => File.WriteAllText(Path.Combine(resources, $"{name}.yaml"),
    $"apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: {type}\n  version: v1\n  metadata:{metadata}\n");
// The SQLite file goes to tmpfs when there is one: the bench measures CPU and latency, not the disk's fsync (on this
// box's disk, creates fell to ~40/s).
var stateDirectory = Directory.Exists("/dev/shm") ? Directory.CreateDirectory(Path.Combine("/dev/shm", Path.GetFileName(scratch))).FullName : scratch;
if (store == "sqlite")
{
    WriteComponent("statestore", "state.sqlite", $"\n    - name: connectionString\n      value: \"{Path.Combine(stateDirectory, "state.db")}\"");
}
else
{
    WriteComponent("statestore", "state.in-memory", " []");
}
WriteComponent("pubsub", "pubsub.in-memory", " []");
// Every instance takes every cache invalidation.
WriteComponent("broadcast", "pubsub.in-memory", "\n    - name: consumerID\n      value: \"{uuid}\"");

var (baselinePort, baselineProcessPort) = (SidecarProcess.FreePort(), SidecarProcess.FreePort());
await using var baseline = await PlainKestrel.StartInProcessAsync(baselinePort, MapBaseline);
using var baselineProcess = await PlainKestrel.StartProcessAsync(baselineProcessPort);

var settings = new Dictionary<string, string>
{
    ["UrlShortener__AdminKey"] = AdminKey,
    ["UrlShortener__ClickQueueCapacity"] = clickQueueCapacity.ToString(CultureInfo.InvariantCulture),
};
var registry = Path.Combine(scratch, "registry");
// Every instance uses the app id url-shortener (the state keys are prefixed with it).
Task<ServiceInstance> StartAsync(string role, IReadOnlyDictionary<string, string> instanceSettings) => ServiceInstance.StartAsync(
    role, "url-shortener", RepositoryPaths.BuiltDll(Path.Combine("services", "UrlShortener"), "AmazonScale.UrlShortener.dll"), resources, registry, instanceSettings);
// The consumer starts first: the in-memory pub/sub drops clicks published while no instance subscribes.
using var analytics = topology == "split" ? await StartAsync("url-shortener-analytics", settings) : null;
using var service = topology == "split"
    ? await StartAsync("url-shortener-edge", new Dictionary<string, string>(settings) { ["UrlShortener__ConsumeVisits"] = "false" })
    : await StartAsync("url-shortener", settings);
ServiceInstance[] instances = analytics is null ? [service] : [service, analytics];
var serverProcesses = instances.SelectMany(instance => instance.CpuMeters()).ToArray();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, AllowAutoRedirect = false, UseProxy = false })
{
    BaseAddress = service.App.BaseAddress,
};

using var keyRequest = new HttpRequestMessage(HttpMethod.Post, "api/v1/admin/api-keys") { Content = JsonContent.Create(new { name = "bench", monthly_quota = 1_000_000_000 }) };
keyRequest.Headers.Add("X-Admin-Key", AdminKey);
using var keyResponse = await http.SendAsync(keyRequest);
var apiKey = (await keyResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

var codes = new ConcurrentBag<string>();
async Task<string> CreateAsync(int item)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/urls") { Content = JsonContent.Create(new { url = $"https://example.com/item/{item}" }) };
    request.Headers.Add("X-Api-Key", apiKey);
    using var response = await http.SendAsync(request);
    if (response.StatusCode != HttpStatusCode.Created)
    {
        throw new InvalidOperationException($"create answered {response.StatusCode}");
    }
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
}

// Codes in one bulk create (at most 1,000).
async Task<string[]> CreateManyAsync(int count)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/urls/bulk")
    {
        Content = JsonContent.Create(new { items = Enumerable.Range(0, count).Select(item => new { url = $"https://example.com/bulk/{item}" }) }),
    };
    request.Headers.Add("X-Api-Key", apiKey);
    using var response = await http.SendAsync(request);
    var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
    if (response.StatusCode != HttpStatusCode.OK || results.Any(result => result.GetProperty("status").GetInt32() != StatusCodes.Status201Created))
    {
        throw new InvalidOperationException($"bulk create answered {response.StatusCode}");
    }
    return [.. results.Select(result => result.GetProperty("url").GetProperty("code").GetString()!)];
}

var created = 0;
var creates = await LoadRunner.RunAsync("POST /api/v1/urls (create)", concurrency, warmup, duration, async (_, _) => codes.Add(await CreateAsync(Interlocked.Increment(ref created))));
var pool = codes.ToArray();

// Redirects answered by the service, per code of the pool: at the end, analytics must count each exactly once.
var served = new long[pool.Length];
Func<int, CancellationToken, Task> Redirect(string baseUrl, long[]? tally = null) => async (_, ct) =>
{
    var index = Random.Shared.Next(pool.Length);
    using var response = await http.GetAsync($"{baseUrl}r/{pool[index]}", ct);
    if (response.StatusCode != HttpStatusCode.Found)
    {
        throw new InvalidOperationException($"redirect answered {response.StatusCode}");
    }
    if (tally is not null)
    {
        Interlocked.Increment(ref tally[index]);
    }
};

var plain = await LoadRunner.RunAsync("plain Kestrel 302 in the load generator's process", concurrency, warmup, duration, Redirect($"http://127.0.0.1:{baselinePort}/"));
var baselineCpu = ProcessCpu.DuringMeasurementAsync(warmup, duration, () => baselineProcess.TotalProcessorTime);
var plainProcess = await LoadRunner.RunAsync("plain Kestrel 302, own process (baseline)", concurrency, warmup, duration, Redirect($"http://127.0.0.1:{baselineProcessPort}/"));
var redirectCpu = ProcessCpu.DuringMeasurementAsync(warmup, duration, [.. serverProcesses.Select(process => process.Read)]);
// GC pauses of every service process (not the sidecars) over a case's measured window, read through EventPipe.
var gcPauses = new List<string>();
async Task<T> WithGcPausesAsync<T>(string caseName, Func<Task<T>> run)
{
    var recorders = instances.Select(instance => (instance.Role, Recorder: GcPauseRecorder.Start(instance.App.ProcessId))).ToList();
    var from = DateTime.Now + warmup;
    var result = await run();
    foreach (var (role, recorder) in recorders)
    {
        await using (recorder)
        {
            await recorder.StopAsync();
            gcPauses.Add($"GC in {role} during {caseName}: {recorder.Describe(from, from + duration)}.");
        }
    }
    return result;
}
var redirects = await WithGcPausesAsync("the closed-loop redirect case", () =>
    LoadRunner.RunAsync("GET /r/{code} (service, cache hit)", concurrency, warmup, duration, Redirect(service.App.BaseAddress.ToString(), served)));
var baselineCost = (await baselineCpu)[0] / plainProcess.Latency.Count;
var redirectCpuUse = new CpuUse([.. serverProcesses.Zip(await redirectCpu, (process, cpu) => (process.Name, cpu))]);
var openLoopRate = openLoopFraction * plainProcess.Throughput;
var (openPlain, openRedirects) = await OpenLoopRunner.PairAsync(openLoopRate, concurrency, warmup, duration,
    ("plain Kestrel 302, own process (baseline)", Redirect($"http://127.0.0.1:{baselineProcessPort}/")),
    ("GET /r/{code} (service, cache hit)", Redirect(service.App.BaseAddress.ToString(), served)));

// The same redirects from wrk, which takes far less CPU per request than this generator, so more of the 2 cores go to
// the server. wrk does not report requests in flight when it stops (up to one per connection), so its clicks go to codes
// of their own, reconciled separately below: counted must lie between what wrk saw answered and that plus its connections.
(WrkResult Plain, WrkResult Redirects)? wrk = null;
string[] wrkCodes = [];
if (WrkRunner.IsInstalled)
{
    wrkCodes = await CreateManyAsync(1_000);
    var wrkPaths = WrkScript.Cycle("GET", [.. wrkCodes.Select(code => new WrkRequest($"/r/{code}"))]);
    var wrkPlain = await WrkRunner.RunAsync("plain Kestrel 302, own process (baseline)", new Uri($"http://127.0.0.1:{baselineProcessPort}/"),
        2, concurrency, warmup, duration, wrkPaths, ("plain Kestrel", () => baselineProcess.TotalProcessorTime));
    var wrkRedirects = await WithGcPausesAsync("the wrk redirect case", () => WrkRunner.RunAsync("GET /r/{code} (service, cache hit)", service.App.BaseAddress,
        2, concurrency, warmup, duration, wrkPaths, serverProcesses));
    wrk = (wrkPlain, wrkRedirects);
}

// Analytics lag under load: while redirects run flat out, click fresh codes once and time until the report shows them.
var lags = new List<TimeSpan>();
var load = LoadRunner.RunAsync("GET /r/{code} (load during lag probes)", concurrency, TimeSpan.Zero, duration, Redirect(service.App.BaseAddress.ToString(), served));
for (var probe = 0; probe < 5; probe++)
{
    var code = await CreateAsync(-probe - 1);
    var clock = Stopwatch.StartNew();
    using (var click = new HttpRequestMessage(HttpMethod.Get, $"r/{code}"))
    {
        click.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0");
        using var _ = await http.SendAsync(click);
    }
    // A click dropped by a full queue never shows up; give up on it after 10 s.
    while (clock.Elapsed < TimeSpan.FromSeconds(10))
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/analytics/{code}");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        if ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("visits").GetInt64() > 0)
        {
            lags.Add(clock.Elapsed);
            break;
        }
        await Task.Delay(5);
    }
}
var underLoad = await load;

// Every redirect of the pool (warm-ups included) must be counted once: wait until the pipeline has drained.
var clicks = served.Sum();
async Task<long> CountedAsync(string[] codes) => (await Task.WhenAll(codes.Chunk(codes.Length / 16 + 1).Select(async part =>
{
    long sum = 0;
    foreach (var code in part)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/analytics/{code}");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        sum += report.GetProperty("visits").GetInt64() + report.GetProperty("bots").GetInt64();
    }
    return sum;
}))).Sum();
// Counts the codes' clicks until they reach the expected number or stop growing for 10 s.
async Task<(long Counted, TimeSpan ProgressAt)> DrainedAsync(string[] codes, long expected)
{
    var drain = Stopwatch.StartNew();
    var (counted, progressAt) = (await CountedAsync(codes), drain.Elapsed);
    while (counted < expected && drain.Elapsed - progressAt < TimeSpan.FromSeconds(10))
    {
        await Task.Delay(500);
        var now = await CountedAsync(codes);
        (counted, progressAt) = (now, now > counted ? drain.Elapsed : progressAt);
    }
    return (counted, progressAt);
}
var (counted, progressAt) = await DrainedAsync(pool, clicks);

Console.WriteLine($"URL shortener, closed loop (saturation), {seconds}s per case, {Environment.ProcessorCount} cores, topology {(topology == "split" ? "split (redirect edge + analytics consumer, each with its sidecar)" : "single process")}, state {(store == "sqlite" ? "SQLite file" : "in memory")}, in-memory pub/sub, {pool.Length} codes, click queue {clickQueueCapacity}");
Console.WriteLine(BenchReport.ToMarkdown([(plain, null), (plainProcess, null), (redirects, plainProcess), (underLoad, plainProcess), (creates, null)]));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Against the in-process baseline instead: redirects {redirects.Throughput / plain.Throughput:0.00}x, during lag probes {underLoad.Throughput / plain.Throughput:0.00}x."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\nRedirects, open loop at {openLoopFraction:0.##} × the baseline's closed-loop rate ({openLoopRate:0}/s offered to each), latency from each request's due time:"));
Console.WriteLine(BenchReport.ToMarkdown([(openPlain, null), (openRedirects, openPlain)]));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CPU per request in the measured window: plain Kestrel process {baselineCost.TotalMicroseconds:0} µs; per redirect (analytics included): {redirectCpuUse.PerRequest(redirects.Latency.Count)}."));
if (wrk is { } wrkCases)
{
    Console.WriteLine($"\nRedirects, closed loop from wrk -t2 -c{concurrency} ({seconds}s per case after a warm-up; its own 1,000 codes; CPU from /proc over the measured run):");
    Console.WriteLine(BenchReport.ToMarkdown([(wrkCases.Plain, null), (wrkCases.Redirects, wrkCases.Plain)]));
    Console.WriteLine($"CPU per request under wrk: plain Kestrel process: {wrkCases.Plain.CpuPerRequest}; per redirect: {wrkCases.Redirects.CpuPerRequest}.");
    var (answered, inFlightAtStops) = (wrkCases.Redirects.WarmupRequests + wrkCases.Redirects.Requests, 2 * wrkCases.Redirects.Connections);
    var (wrkCounted, _) = await DrainedAsync(wrkCodes, answered);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"wrk clicks: {answered} redirects answered to wrk (+ up to {inFlightAtStops} in flight when its two runs stopped); counted by analytics: {wrkCounted} — {(wrkCounted >= answered && wrkCounted <= answered + inFlightAtStops ? "every one counted once" : wrkCounted < answered ? "SOME NOT COUNTED (dropped by a full click queue or lost)" : "MORE than served: double counting")}."));
}
else
{
    Console.WriteLine($"\n{WrkRunner.InstallHint}");
}
gcPauses.ForEach(Console.WriteLine);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Clicks served on the pool's codes: {clicks}; counted by analytics: {counted} ({(clicks == 0 ? 0 : 100.0 * counted / clicks):0.00}%), {(counted == clicks ? $"all within {progressAt.TotalSeconds:0.0} s after the load" : counted > clicks ? "MORE than served: double counting" : "the rest dropped by a full click queue or lost")}."));
lags.Sort();
Console.WriteLine(lags.Count == 0
    ? "Analytics lag: no probe click became visible within 10 s (dropped by the click queue)."
    : string.Create(CultureInfo.InvariantCulture,
        $"Analytics lag (click -> visible in GET /api/v1/analytics) under redirect load: median {lags[lags.Count / 2].TotalMilliseconds:0} ms, max {lags[^1].TotalMilliseconds:0} ms; {lags.Count} of 5 probes seen"));

await baseline.StopAsync();
Directory.Delete(scratch, recursive: true);
if (stateDirectory != scratch)
{
    Directory.Delete(stateDirectory, recursive: true);
}

// The same response as the service's redirect: 302 with Location and Cache-Control.
static void MapBaseline(WebApplication app) => app.MapGet("/r/{code}", (string code, HttpResponse response) =>
{
    response.Headers.CacheControl = "private, max-age=0";
    return Results.Redirect("https://example.com/landing");
});
