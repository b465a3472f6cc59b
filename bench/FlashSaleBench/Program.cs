// Flash sale: a scripted sale of `units` to `customers` simulated customers (a share of them bots) through the real
// flash-sale and payments processes behind their sidecars: time to sell out, requests/s, p50/p99 per endpoint,
// oversell (must be 0), bots blocked, CPU per request of every process; then the queue-status read path against a
// plain Kestrel endpoint, same run.
// Load model (closed loop, the default): `concurrency` simulated customers are in the system at a time, each starting
// the next customer when done, so latency ~ concurrency / throughput (Little's law) and the arrival rate is whatever the
// machine serves: it measures capacity (time to sell out), not the latency at a given load.
// Open loop (`--arrival-rate N`, anywhere among the arguments): customer i arrives at i / N seconds (evenly spaced, not
// Poisson: reproducible, and bursts are not what is measured), each its own flow (join, poll every 250 ms while waiting,
// reserve, check out) whether or not earlier customers were served; each request is timed from when the customer meant
// to send it (arrival, previous answer, poll interval), so a request the generator sent late counts its wait. More than
// 5 s of arrivals outstanding at once is reported as OVERLOADED and stops the arrivals (see OpenLoopArrivals).
// `concurrency` then sizes only the read-path cases.
// `warmup` > 0 first runs a separate warm-up sale of that many customers (other ids and addresses) through the
// same endpoints and load model, as a deployment that served traffic before the sale starts would be; 0 measures cold processes
// (JIT compilation of the whole HTTP/gRPC/JSON stack then happens during the sale).
// `--shards N` sets the sale's inventory shards (default 16).
// Usage: dotnet run -c Release --project bench/FlashSaleBench -- [customers=100000] [units=10000] [botShare=0.65] [concurrency=128] [seconds=10] [warmup=0] [--arrival-rate customersPerSecond] [--shards 16]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Bench;
using AmazonScale.Bench.FlashSale;

var positional = args.ToList();
double? arrivalRate = TakeOption("--arrival-rate") is { } rateText ? double.Parse(rateText, CultureInfo.InvariantCulture) : null;
var shards = TakeOption("--shards") is { } shardsText ? int.Parse(shardsText, CultureInfo.InvariantCulture) : 16;
var customers = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 100_000;
var units = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 10_000;
var botShare = positional.Count > 2 ? double.Parse(positional[2], CultureInfo.InvariantCulture) : 0.65;
var concurrency = positional.Count > 3 ? int.Parse(positional[3], CultureInfo.InvariantCulture) : 128;
var seconds = positional.Count > 4 ? int.Parse(positional[4], CultureInfo.InvariantCulture) : 10;
var warmupCustomers = positional.Count > 5 ? int.Parse(positional[5], CultureInfo.InvariantCulture) : 0;
// A healthy customer is in the system well under a second, so 5 s worth of arrivals outstanding is a growing backlog.
var arrivals = arrivalRate is { } rate ? new OpenLoopArrivals(rate, overloadBound: (int)Math.Ceiling(rate * 5)) : null;
var pollInterval = (long)(0.25 * Stopwatch.Frequency);
const string AdminKey = "bench-admin-key";
const string BrowserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

var scratch = Directory.CreateTempSubdirectory("flashsale-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
var registry = Path.Combine(scratch, "registry");
File.WriteAllText(Path.Combine(resources, "statestore.yaml"),
    "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: statestore\nspec:\n  type: state.in-memory\n  version: v1\n  metadata:\n  - name: actorStateStore\n    value: \"true\"\n");
File.WriteAllText(Path.Combine(resources, "pubsub.yaml"),
    "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: pubsub\nspec:\n  type: pubsub.in-memory\n  version: v1\n  metadata: []\n");

// Plain Kestrel answering the same shape as the queue-status read, for the read-path comparison.
var baselinePort = SidecarProcess.FreePort();
var baselineBuilder = WebApplication.CreateSlimBuilder();
baselineBuilder.Logging.ClearProviders();
baselineBuilder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(baselinePort));
await using var baseline = baselineBuilder.Build();
baseline.MapGet("/api/v1/sales/{id}/queue/{token}", (string id, string token) =>
    Results.Json(new { state = "waiting", position = 1234, ahead = 1233, estimated_wait_seconds = 1.2, may_reopen = false }));
await baseline.StartAsync();

Task<ServiceInstance> StartAsync(string project, string assembly, string appId, Dictionary<string, string> settings) => ServiceInstance.StartAsync(
    project, appId, RepositoryPaths.BuiltDll(Path.Combine("services", project), $"{assembly}.dll"), resources, registry, settings);

using var payments = await StartAsync("Payments", "AmazonScale.Payments", "payments", new()
{
    ["Payments__Latency"] = "00:00:00.050", ["Payments__LatencyJitter"] = "00:00:00.025", ["Payments__FailureRate"] = "0.02",
});
using var flashSale = await StartAsync("FlashSale", "AmazonScale.FlashSale", "flash-sale", new()
{
    ["FlashSale__AdminKey"] = AdminKey,
    ["FlashSale__TokenSigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    ["FlashSale__BotDefence__PerIpLimit"] = "20",
    ["FlashSale__BotDefence__PerCustomerLimit"] = "5",
    ["FlashSale__BotDefence__RateLimiterTimeout"] = "00:00:00.200",
});

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false }) { BaseAddress = flashSale.App.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

async Task CreateSaleAsync(string id, int saleUnits)
{
    using var create = new HttpRequestMessage(HttpMethod.Post, "api/v1/sales")
    {
        Content = JsonContent.Create(new
        {
            id, sku = "console", units = saleUnits, price = 499.99m, shards, reservation_ttl_seconds = 300,
            admission_batch_size = 2_000, admission_interval_seconds = 0.2, admission_window_seconds = 600,
        }),
    };
    create.Headers.Add("X-Admin-Key", AdminKey);
    using var created = await http.SendAsync(create);
    created.EnsureSuccessStatusCode();
}

// Humans: one IP each, each in its own /24 (as households are). Scripted bots announce themselves; stealth bots use a
// browser agent from 100 addresses of one /24 (a farm), each staying under the per-IP limit. The warm-up sale's
// customers use other ids and networks, so the measured sale's per-IP and per-network counters start fresh.
Customer[] Population(int count, string prefix, int humanNet, string botNet)
{
    var random = new Random(42);
    return Enumerable.Range(0, count).Select(i => random.NextDouble() < botShare
        ? new Customer($"{prefix}b{i}", true, i % 2 == 0 ? "python-requests/2.31" : BrowserAgent, $"{botNet}.{i % 100}")
        : new Customer($"{prefix}h{i}", false, BrowserAgent, $"{humanNet}.{(i >> 8) & 255}.{i & 255}.{((i >> 16) & 255) + 1}")).ToArray();
}

var (humanUnits, botUnits) = (0, 0);
string? sampleToken = null;

// Each `concurrency` worker takes the next customer when its current one is done (closed loop).
async Task ArriveAsync(Sale sale, Customer[] population)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int index;
        while ((index = Interlocked.Increment(ref next)) < population.Length)
        {
            await ShopAsync(sale, population[index], arrivalDue: null);
        }
    }));
}

if (warmupCustomers > 0)
{
    var warmup = new Sale("warmup", new EndpointStats(), Measured: false);
    await CreateSaleAsync(warmup.Id, Math.Max(1, warmupCustomers / 10));
    var warmupClock = Stopwatch.StartNew();
    var warmupPopulation = Population(warmupCustomers, "w", humanNet: 11, botNet: "198.51.100");
    // Warmed the way the sale is run: an open-loop sale's paths (its own in the generator, too) first ran at its start.
    await (arrivals is null ? ArriveAsync(warmup, warmupPopulation)
        : new OpenLoopArrivals(arrivals.RatePerSecond, arrivals.OverloadBound).RunAsync(warmupPopulation, (customer, due) => ShopAsync(warmup, customer, due)));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] warm-up sale: {warmupCustomers} customers in {warmupClock.Elapsed.TotalSeconds:0.0} s"));
}
await CreateSaleAsync("bench", units);
var stats = new EndpointStats();
var population = Population(customers, "", humanNet: 10, botNet: "192.0.2");

async Task<HttpResponseMessage> SendAsync(EndpointStats meter, string endpoint, HttpMethod method, string path, object? body, string agent, string ip, long? due) =>
    await meter.TimeAsync(endpoint, () =>
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        request.Headers.Add("X-Forwarded-For", ip);
        return http.SendAsync(request);
    }, due);

// One customer's flow. Open loop (arrivalDue set): each request is timed from when the customer meant to send it — the
// arrival, the previous answer, or the end of the poll interval. Closed loop (null): from when it is sent, as before.
async Task ShopAsync(Sale sale, Customer customer, long? arrivalDue)
{
    long? From(long intended) => arrivalDue is null ? null : intended;
    using var joined = await SendAsync(sale.Stats, "POST queue (join)", HttpMethod.Post, $"api/v1/sales/{sale.Id}/queue", new { customer_id = customer.Id }, customer.Agent, customer.Ip, arrivalDue);
    if (!joined.IsSuccessStatusCode)
    {
        return;
    }
    var token = (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queue_token").GetString()!;
    if (sale.Measured)
    {
        sampleToken ??= token;
    }
    var pollDue = Stopwatch.GetTimestamp();
    while (true)
    {
        using var polled = await SendAsync(sale.Stats, "GET queue/{token} (status)", HttpMethod.Get, $"api/v1/sales/{sale.Id}/queue/{token}", null, customer.Agent, customer.Ip, From(pollDue));
        var status = await polled.Content.ReadFromJsonAsync<JsonElement>();
        var state = status.GetProperty("state").GetString();
        if (state == "admitted")
        {
            using var reserved = await SendAsync(sale.Stats, "POST reserve", HttpMethod.Post, $"api/v1/sales/{sale.Id}/reserve",
                new { admission_token = status.GetProperty("admission_token").GetString() }, customer.Agent, customer.Ip, From(Stopwatch.GetTimestamp()));
            if (reserved.StatusCode == HttpStatusCode.Created)
            {
                var reservation = (await reserved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reservation_token").GetString();
                using var paid = await SendAsync(sale.Stats, "POST checkout", HttpMethod.Post, $"api/v1/sales/{sale.Id}/checkout",
                    new { reservation_token = reservation, payment_method = "sandbox_ok" }, customer.Agent, customer.Ip, From(Stopwatch.GetTimestamp()));
                if (sale.Measured)
                {
                    Interlocked.Increment(ref customer.Bot ? ref botUnits : ref humanUnits);
                }
            }
            return;
        }
        if (state != "waiting")
        {
            return; // sold out or expired: a real shopper would keep watching; the bench moves on.
        }
        pollDue = Stopwatch.GetTimestamp() + pollInterval;
        await OpenLoopRunner.WaitUntilAsync(pollDue);
    }
}

// The sale: customers arrive as fast as `concurrency` connections allow (closed loop) or at the arrival rate (open
// loop); a monitor reads the sale meanwhile, and the GC pauses of flash-sale and its sidecar are recorded.
var cpu = new CpuMeter([("flash-sale", () => flashSale.App.TotalProcessorTime), ("its sidecar", () => flashSale.Sidecar.TotalProcessorTime),
    ("payments", () => payments.App.TotalProcessorTime), ("its sidecar", () => payments.Sidecar.TotalProcessorTime),
    ("load generator", () => Process.GetCurrentProcess().TotalProcessorTime)]);
List<(string Name, GcPauseRecorder Recorder)> gcRecorders =
    [("flash-sale", GcPauseRecorder.Start(flashSale.App.ProcessId)), ("flash-sale sidecar", GcPauseRecorder.Start(flashSale.Sidecar.ProcessId))];
var saleStartedAt = DateTime.Now;
// The load generator's own pauses: open-loop latency counts a late send, so they land in it too.
var (generatorPausedBefore, generatorGcsBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
var clock = Stopwatch.StartNew();
TimeSpan? allReserved = null, allSold = null;
var (observations, invariantBroken, maxSold) = (0, 0, 0);
// Customers outstanding, highest seen in each 5 s of the sale: bounded when the services keep up, growing when not.
var outstandingByFiveSeconds = new SortedDictionary<int, int>();
// CPU used by all five processes when each 5 s began: near the core count every process queues for a core, and the
// tails of every endpoint that waits on them grow together.
var cpuByFiveSeconds = new SortedDictionary<int, (TimeSpan At, CpuUse Cpu)>();
using var stopMonitor = new CancellationTokenSource();
var monitor = Task.Run(async () =>
{
    var readDue = Stopwatch.GetTimestamp();
    while (!stopMonitor.IsCancellationRequested)
    {
        using var response = await stats.TimeAsync("GET sale (status)", () => http.GetAsync("api/v1/sales/bench"), arrivals is null ? null : readDue);
        var sale = await response.Content.ReadFromJsonAsync<JsonElement>();
        var (available, reserved, sold) = (sale.GetProperty("available").GetInt32(), sale.GetProperty("reserved").GetInt32(), sale.GetProperty("sold").GetInt32());
        observations++;
        maxSold = Math.Max(maxSold, sold);
        invariantBroken += !sale.GetProperty("invariant_holds").GetBoolean() || available + reserved + sold != units ? 1 : 0;
        allReserved ??= available == 0 ? clock.Elapsed : null;
        allSold ??= sold == units ? clock.Elapsed : null;
        var window = (int)(clock.Elapsed / EndpointStats.Window);
        if (!cpuByFiveSeconds.ContainsKey(window))
        {
            cpuByFiveSeconds[window] = (clock.Elapsed, cpu.Since());
        }
        if (arrivals is not null)
        {
            outstandingByFiveSeconds[window] = Math.Max(outstandingByFiveSeconds.GetValueOrDefault(window), arrivals.Outstanding);
        }
        readDue = Stopwatch.GetTimestamp() + pollInterval;
        await OpenLoopRunner.WaitUntilAsync(readDue);
    }
});
var measuredSale = new Sale("bench", stats, Measured: true);
await (arrivals is null ? ArriveAsync(measuredSale, population) : arrivals.RunAsync(population, (customer, due) => ShopAsync(measuredSale, customer, due)));
var saleTime = clock.Elapsed;
var saleRequests = stats.Requests;
var saleCpu = cpu.Since();
var gcPauses = new List<string>
{
    string.Create(CultureInfo.InvariantCulture,
        $"GC in the load generator during the sale: {GC.CollectionCount(0) - generatorGcsBefore} GCs, paused {(GC.GetTotalPauseDuration() - generatorPausedBefore).TotalMilliseconds:0} ms."),
};
foreach (var (name, recorder) in gcRecorders)
{
    await using (recorder)
    {
        await recorder.StopAsync();
        gcPauses.Add($"GC in {name} during the sale: {recorder.Describe(saleStartedAt, saleStartedAt + saleTime)}.");
        gcPauses.Add($"{name} in each {EndpointStats.Window.TotalSeconds:0} s (GC paused total/max ms): {recorder.PerWindow(saleStartedAt, saleStartedAt + saleTime, EndpointStats.Window)}");
    }
}
var settleDeadline = DateTime.UtcNow.AddSeconds(60);
while (allSold is null && DateTime.UtcNow < settleDeadline)
{
    await Task.Delay(250);
}
stopMonitor.Cancel();
await monitor;

using var auditRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/sales/bench/audit");
auditRequest.Headers.Add("X-Admin-Key", AdminKey);
using var auditResponse = await http.SendAsync(auditRequest);
var audit = await auditResponse.Content.ReadFromJsonAsync<JsonElement>();
var sold = audit.GetProperty("shards").EnumerateArray().SelectMany(shard => shard.GetProperty("reservations").EnumerateArray())
    .Where(reservation => reservation.GetProperty("status").GetString() == "sold").Select(reservation => reservation.GetProperty("customer_id").GetString()).ToList();
var oversold = Math.Max(0, sold.Count - units);
var overLimit = sold.GroupBy(customer => customer).Count(group => group.Count() > 1);
using var botRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/bot-defence/stats");
botRequest.Headers.Add("X-Admin-Key", AdminKey);
using var botResponse = await http.SendAsync(botRequest);
var bots = await botResponse.Content.ReadFromJsonAsync<JsonElement>();

// The hot read path against plain Kestrel, same machine, same run.
Func<int, CancellationToken, Task> Read(string baseUrl) => async (_, ct) =>
{
    using var response = await http.GetAsync($"{baseUrl}api/v1/sales/bench/queue/{sampleToken}", ct);
    response.EnsureSuccessStatusCode();
};
var duration = TimeSpan.FromSeconds(seconds);
// 10 s before each measured read case: a service whose sale ended well under a minute after it started is still
// promoting its hot path to tier-1 code (its tiering thread took 18% of its samples 3 s into the case), and that is
// not the steady state being compared.
var warmupTime = TimeSpan.FromSeconds(10);
var plain = await LoadRunner.RunAsync("plain Kestrel JSON (baseline)", 64, warmupTime, duration, Read($"http://127.0.0.1:{baselinePort}/"));
var readCpu = CpuDuringMeasurementAsync(() => flashSale.App.TotalProcessorTime);
var queueStatus = await LoadRunner.RunAsync("GET queue/{token} (service, in-process snapshot)", 64, warmupTime, duration, Read(flashSale.App.BaseAddress.ToString()));
var readCost = await readCpu / queueStatus.Latency.Count;

async Task<TimeSpan> CpuDuringMeasurementAsync(Func<TimeSpan> meter)
{
    await Task.Delay(warmupTime);
    var before = meter();
    await Task.Delay(duration);
    return meter() - before;
}

string Seconds(TimeSpan? time) => time is { } t ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "not reached";
var loadModel = arrivals is null ? $"{concurrency} connections (closed loop)"
    : string.Create(CultureInfo.InvariantCulture, $"open loop: {arrivals.RatePerSecond:0} customers/s arriving evenly spaced, latency from each request's intended start");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Flash sale: {customers} customers ({botShare:P0} bots) vs {units} units in {shards} shards, {loadModel}, warm-up {warmupCustomers} customers, {Environment.ProcessorCount} cores, in-memory components, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"All units reserved after {Seconds(allReserved)}, all sold (paid) after {Seconds(allSold)}; arrivals done after {saleTime.TotalSeconds:0.0} s; {saleRequests} requests during the sale = {saleRequests / saleTime.TotalSeconds:0} req/s"));
if (arrivals is not null)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Arrivals: {arrivals.Arrived} of {customers} customers at {arrivals.RatePerSecond:0}/s offered; started late by p50 {arrivals.StartLag.PercentileMicroseconds(50) / 1000:0.0} / p99 {arrivals.StartLag.PercentileMicroseconds(99) / 1000:0.0} / max {arrivals.StartLag.PercentileMicroseconds(100) / 1000:0.0} ms; customers outstanding at most {arrivals.MaxOutstanding} (bound {arrivals.OverloadBound})"));
    Console.WriteLine($"Customers outstanding, highest seen in each 5 s of the sale: {string.Join(" ", outstandingByFiveSeconds.Where(entry => entry.Key * 5 < saleTime.TotalSeconds).Select(entry => entry.Value))}");
    if (arrivals.OverloadedAfter is { } overloadedAfter)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OVERLOADED: more than {arrivals.OverloadBound} customers outstanding after {overloadedAfter.TotalSeconds:0.0} s; arrivals stopped there. The services did not keep up with {arrivals.RatePerSecond:0} customers/s; the figures below are not a steady state."));
    }
}
var cpuWindows = cpuByFiveSeconds.Values.Where(sample => sample.At <= saleTime).ToList();
Console.WriteLine("Cores busy in each 5 s of the sale, all processes (flash-sale / its sidecar / payments / its sidecar / generator): " + string.Join(" · ",
    cpuWindows.Zip(cpuWindows.Skip(1), (start, end) => end.Cpu.CoresBusySince(start.Cpu, end.At - start.At))));
Console.WriteLine($"Sold {sold.Count} (humans {humanUnits}, bots that got through {botUnits} reservations); oversold {oversold}; customers over the limit {overLimit}; audit consistent {audit.GetProperty("consistent").GetBoolean()}; invariant broken in {invariantBroken} of {observations} observations");
Console.WriteLine($"Bot defence: {bots}");
Console.WriteLine($"CPU per request during the sale (utime+stime / {saleRequests} requests): {saleCpu.PerRequest(saleRequests)}");
gcPauses.ForEach(Console.WriteLine);
Console.WriteLine(arrivals is null ? stats.ToMarkdown(50, 99) : stats.ToMarkdown(50, 99, 99.9));
foreach (var endpoint in stats.Endpoints)
{
    Console.WriteLine($"{endpoint} p99 ms in each {EndpointStats.Window.TotalSeconds:0} s from the sale's start: {stats.PerWindow(endpoint, 99)}");
}
Console.WriteLine(BenchReport.ToMarkdown([(plain, null), (queueStatus, plain)]));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flash-sale CPU per queue-status read: {readCost.TotalMicroseconds:0} µs"));

await baseline.StopAsync();
Directory.Delete(scratch, recursive: true);

// Removes "--name value" from the positional arguments and returns the value.
string? TakeOption(string name)
{
    var at = positional.IndexOf(name);
    if (at < 0)
    {
        return null;
    }
    var value = positional[at + 1];
    positional.RemoveRange(at, 2);
    return value;
}

internal sealed record Customer(string Id, bool Bot, string Agent, string Ip);

/// <param name="Measured">False for the warm-up sale: its customers count in no result.</param>
internal sealed record Sale(string Id, EndpointStats Stats, bool Measured);

