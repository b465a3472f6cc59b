// URL shortener: redirects through the service (in-process cache, click queued) vs a plain Kestrel 302 in the
// same run, creates/s, and analytics lag (click -> visible in the report) while redirects are under load.
// Usage: dotnet run -c Release --project bench/UrlShortenerBench -- [seconds=10] [concurrency=64] [clickQueueCapacity=50000] [openLoopFraction=0.5]
// Redirects and the baseline run closed loop (saturation) and then open loop at openLoopFraction × the baseline's rate.
// (clickQueueCapacity=1 drops nearly every click: it measures the redirect path without the analytics pipeline.)
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
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));
const string AdminKey = "bench-admin-key";

var scratch = Directory.CreateTempSubdirectory("urlshortener-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
foreach (var (name, type) in new[] { ("statestore", "state.in-memory"), ("pubsub", "pubsub.in-memory"), ("broadcast", "pubsub.in-memory") })
{
    File.WriteAllText(Path.Combine(resources, $"{name}.yaml"),
        $"apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: {type}\n  version: v1\n  metadata: []\n");
}

var (baselinePort, baselineProcessPort) = (SidecarProcess.FreePort(), SidecarProcess.FreePort());
await using var baseline = await PlainKestrel.StartInProcessAsync(baselinePort, MapBaseline);
using var baselineProcess = await PlainKestrel.StartProcessAsync(baselineProcessPort);

var (appPort, daprHttpPort, daprGrpcPort) = (SidecarProcess.FreePort(), SidecarProcess.FreePort(), SidecarProcess.FreePort());
using var service = AppProcess.Start("url-shortener", RepositoryPaths.BuiltDll(Path.Combine("services", "UrlShortener"), "AmazonScale.UrlShortener.dll"), appPort, new Dictionary<string, string>
{
    ["DAPR_HTTP_PORT"] = daprHttpPort.ToString(CultureInfo.InvariantCulture),
    ["DAPR_GRPC_PORT"] = daprGrpcPort.ToString(CultureInfo.InvariantCulture),
    ["UrlShortener__AdminKey"] = AdminKey,
    ["UrlShortener__ClickQueueCapacity"] = clickQueueCapacity.ToString(CultureInfo.InvariantCulture),
});
using var sidecar = await SidecarProcess.StartAsync("url-shortener", appPort, resources, Path.Combine(scratch, "registry"), daprHttpPort, daprGrpcPort);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, AllowAutoRedirect = false, UseProxy = false })
{
    BaseAddress = service.BaseAddress,
};
await service.WaitHealthyAsync(TimeSpan.FromSeconds(30));

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
var redirectCpu = ProcessCpu.DuringMeasurementAsync(warmup, duration, () => service.TotalProcessorTime, () => sidecar.TotalProcessorTime);
var redirects = await LoadRunner.RunAsync("GET /r/{code} (service, cache hit)", concurrency, warmup, duration, Redirect(service.BaseAddress.ToString(), served));
var (baselineCost, redirectCost) = ((await baselineCpu)[0] / plainProcess.Latency.Count, (await redirectCpu).Select(cpu => cpu / redirects.Latency.Count).ToArray());
var openLoopRate = openLoopFraction * plainProcess.Throughput;
var (openPlain, openRedirects) = await OpenLoopRunner.PairAsync(openLoopRate, concurrency, warmup, duration,
    ("plain Kestrel 302, own process (baseline)", Redirect($"http://127.0.0.1:{baselineProcessPort}/")),
    ("GET /r/{code} (service, cache hit)", Redirect(service.BaseAddress.ToString(), served)));

// Analytics lag under load: while redirects run flat out, click fresh codes once and time until the report shows them.
var lags = new List<TimeSpan>();
var load = LoadRunner.RunAsync("GET /r/{code} (load during lag probes)", concurrency, TimeSpan.Zero, duration, Redirect(service.BaseAddress.ToString(), served));
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
async Task<long> CountedAsync() => (await Task.WhenAll(pool.Chunk(pool.Length / 16 + 1).Select(async part =>
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
var drain = Stopwatch.StartNew();
var (counted, progressAt) = (await CountedAsync(), drain.Elapsed);
while (counted < clicks && drain.Elapsed - progressAt < TimeSpan.FromSeconds(10))
{
    await Task.Delay(500);
    var now = await CountedAsync();
    (counted, progressAt) = (now, now > counted ? drain.Elapsed : progressAt);
}

Console.WriteLine($"URL shortener, closed loop (saturation), {seconds}s per case, {Environment.ProcessorCount} cores, in-memory components, {pool.Length} codes, click queue {clickQueueCapacity}");
Console.WriteLine(BenchReport.ToMarkdown([(plain, null), (plainProcess, null), (redirects, plainProcess), (underLoad, plainProcess), (creates, null)]));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Against the in-process baseline instead: redirects {redirects.Throughput / plain.Throughput:0.00}x, during lag probes {underLoad.Throughput / plain.Throughput:0.00}x."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\nRedirects, open loop at {openLoopFraction:0.##} × the baseline's closed-loop rate ({openLoopRate:0}/s offered to each), latency from each request's due time:"));
Console.WriteLine(BenchReport.ToMarkdown([(openPlain, null), (openRedirects, openPlain)]));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CPU per request in the measured window: plain Kestrel process {baselineCost.TotalMicroseconds:0} us; service {redirectCost[0].TotalMicroseconds:0} us + sidecar {redirectCost[1].TotalMicroseconds:0} us per redirect (analytics included)."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Clicks served on the pool's codes: {clicks}; counted by analytics: {counted} ({(clicks == 0 ? 0 : 100.0 * counted / clicks):0.00}%), {(counted == clicks ? $"all within {progressAt.TotalSeconds:0.0} s after the load" : counted > clicks ? "MORE than served: double counting" : "the rest dropped by a full click queue or lost")}."));
lags.Sort();
Console.WriteLine(lags.Count == 0
    ? "Analytics lag: no probe click became visible within 10 s (dropped by the click queue)."
    : string.Create(CultureInfo.InvariantCulture,
        $"Analytics lag (click -> visible in GET /api/v1/analytics) under redirect load: median {lags[lags.Count / 2].TotalMilliseconds:0} ms, max {lags[^1].TotalMilliseconds:0} ms; {lags.Count} of 5 probes seen"));

await baseline.StopAsync();
Directory.Delete(scratch, recursive: true);

// The same response as the service's redirect: 302 with Location and Cache-Control.
static void MapBaseline(WebApplication app) => app.MapGet("/r/{code}", (string code, HttpResponse response) =>
{
    response.Headers.CacheControl = "private, max-age=0";
    return Results.Redirect("https://example.com/landing");
});
