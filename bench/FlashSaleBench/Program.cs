// Flash sale: a scripted sale of `units` to `customers` simulated customers (a share of them bots) through the real
// flash-sale and payments processes behind their sidecars: time to sell out, requests/s, p50/p99 per endpoint,
// oversell (must be 0), bots blocked, CPU per request of every process; then the queue-status read path against a
// plain Kestrel endpoint, same run.
// Load model (closed loop): `concurrency` simulated customers are in the system at a time, each starting the next
// customer when done, so latency ~ concurrency / throughput (Little's law) and the arrival rate is whatever the machine
// serves. `warmup` > 0 first runs a separate warm-up sale of that many customers (other ids and addresses) through the
// same endpoints, as a deployment that served traffic before the sale starts would be; 0 measures cold processes
// (JIT compilation of the whole HTTP/gRPC/JSON stack then happens during the sale).
// Usage: dotnet run -c Release --project bench/FlashSaleBench -- [customers=100000] [units=10000] [botShare=0.65] [concurrency=128] [seconds=10] [warmup=0]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Bench;
using AmazonScale.Bench.FlashSale;

var customers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var units = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var botShare = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.65;
var concurrency = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 128;
var seconds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10;
var warmupCustomers = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;
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

AppProcess StartService(string project, string assembly, string appId, Dictionary<string, string> settings, out Task<SidecarProcess> sidecar)
{
    var (port, daprHttp, daprGrpc) = (SidecarProcess.FreePort(), SidecarProcess.FreePort(), SidecarProcess.FreePort());
    settings["DAPR_HTTP_PORT"] = daprHttp.ToString(CultureInfo.InvariantCulture);
    settings["DAPR_GRPC_PORT"] = daprGrpc.ToString(CultureInfo.InvariantCulture);
    var service = AppProcess.Start(project, RepositoryPaths.BuiltDll(Path.Combine("services", project), $"{assembly}.dll"), port, settings);
    sidecar = SidecarProcess.StartAsync(appId, port, resources, registry, daprHttp, daprGrpc);
    return service;
}

using var payments = StartService("Payments", "AmazonScale.Payments", "payments", new()
{
    ["Payments__Latency"] = "00:00:00.050", ["Payments__LatencyJitter"] = "00:00:00.025", ["Payments__FailureRate"] = "0.02",
}, out var paymentsSidecarStarting);
using var paymentsSidecar = await paymentsSidecarStarting;
using var flashSale = StartService("FlashSale", "AmazonScale.FlashSale", "flash-sale", new()
{
    ["FlashSale__AdminKey"] = AdminKey,
    ["FlashSale__TokenSigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    ["FlashSale__BotDefence__PerIpLimit"] = "20",
    ["FlashSale__BotDefence__PerCustomerLimit"] = "5",
    ["FlashSale__BotDefence__RateLimiterTimeout"] = "00:00:00.200",
}, out var flashSaleSidecarStarting);
using var flashSaleSidecar = await flashSaleSidecarStarting;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false }) { BaseAddress = flashSale.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
await flashSale.WaitHealthyAsync(TimeSpan.FromSeconds(60));
await payments.WaitHealthyAsync(TimeSpan.FromSeconds(60));

async Task CreateSaleAsync(string id, int saleUnits)
{
    using var create = new HttpRequestMessage(HttpMethod.Post, "api/v1/sales")
    {
        Content = JsonContent.Create(new
        {
            id, sku = "console", units = saleUnits, price = 499.99m, shards = 16, reservation_ttl_seconds = 300,
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
            await ShopAsync(sale, population[index]);
        }
    }));
}

if (warmupCustomers > 0)
{
    var warmup = new Sale("warmup", new EndpointStats(), Measured: false);
    await CreateSaleAsync(warmup.Id, Math.Max(1, warmupCustomers / 10));
    var warmupClock = Stopwatch.StartNew();
    await ArriveAsync(warmup, Population(warmupCustomers, "w", humanNet: 11, botNet: "198.51.100"));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] warm-up sale: {warmupCustomers} customers in {warmupClock.Elapsed.TotalSeconds:0.0} s"));
}
await CreateSaleAsync("bench", units);
var stats = new EndpointStats();
var population = Population(customers, "", humanNet: 10, botNet: "192.0.2");

async Task<HttpResponseMessage> SendAsync(EndpointStats meter, string endpoint, HttpMethod method, string path, object? body, string agent, string ip) =>
    await meter.TimeAsync(endpoint, () =>
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        request.Headers.Add("X-Forwarded-For", ip);
        return http.SendAsync(request);
    });

async Task ShopAsync(Sale sale, Customer customer)
{
    using var joined = await SendAsync(sale.Stats, "POST queue (join)", HttpMethod.Post, $"api/v1/sales/{sale.Id}/queue", new { customer_id = customer.Id }, customer.Agent, customer.Ip);
    if (!joined.IsSuccessStatusCode)
    {
        return;
    }
    var token = (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queue_token").GetString()!;
    if (sale.Measured)
    {
        sampleToken ??= token;
    }
    while (true)
    {
        using var polled = await SendAsync(sale.Stats, "GET queue/{token} (status)", HttpMethod.Get, $"api/v1/sales/{sale.Id}/queue/{token}", null, customer.Agent, customer.Ip);
        var status = await polled.Content.ReadFromJsonAsync<JsonElement>();
        var state = status.GetProperty("state").GetString();
        if (state == "admitted")
        {
            using var reserved = await SendAsync(sale.Stats, "POST reserve", HttpMethod.Post, $"api/v1/sales/{sale.Id}/reserve",
                new { admission_token = status.GetProperty("admission_token").GetString() }, customer.Agent, customer.Ip);
            if (reserved.StatusCode == HttpStatusCode.Created)
            {
                var reservation = (await reserved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reservation_token").GetString();
                using var paid = await SendAsync(sale.Stats, "POST checkout", HttpMethod.Post, $"api/v1/sales/{sale.Id}/checkout",
                    new { reservation_token = reservation, payment_method = "sandbox_ok" }, customer.Agent, customer.Ip);
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
        await Task.Delay(250);
    }
}

// The sale: every customer arrives as fast as `concurrency` connections allow; a monitor reads the sale meanwhile.
var cpu = new CpuMeter([("flash-sale", () => flashSale.TotalProcessorTime), ("its sidecar", () => flashSaleSidecar.TotalProcessorTime),
    ("payments", () => payments.TotalProcessorTime), ("its sidecar", () => paymentsSidecar.TotalProcessorTime),
    ("load generator", () => Process.GetCurrentProcess().TotalProcessorTime)]);
var clock = Stopwatch.StartNew();
TimeSpan? allReserved = null, allSold = null;
var (observations, invariantBroken, maxSold) = (0, 0, 0);
using var stopMonitor = new CancellationTokenSource();
var monitor = Task.Run(async () =>
{
    while (!stopMonitor.IsCancellationRequested)
    {
        using var response = await stats.TimeAsync("GET sale (status)", () => http.GetAsync("api/v1/sales/bench"));
        var sale = await response.Content.ReadFromJsonAsync<JsonElement>();
        var (available, reserved, sold) = (sale.GetProperty("available").GetInt32(), sale.GetProperty("reserved").GetInt32(), sale.GetProperty("sold").GetInt32());
        observations++;
        maxSold = Math.Max(maxSold, sold);
        invariantBroken += !sale.GetProperty("invariant_holds").GetBoolean() || available + reserved + sold != units ? 1 : 0;
        allReserved ??= available == 0 ? clock.Elapsed : null;
        allSold ??= sold == units ? clock.Elapsed : null;
        await Task.Delay(250);
    }
});
await ArriveAsync(new Sale("bench", stats, Measured: true), population);
var arrivals = clock.Elapsed;
var saleRequests = stats.Requests;
var saleCpu = cpu.Since();
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
var readCpu = CpuDuringMeasurementAsync(() => flashSale.TotalProcessorTime);
var queueStatus = await LoadRunner.RunAsync("GET queue/{token} (service, in-process snapshot)", 64, warmupTime, duration, Read(flashSale.BaseAddress.ToString()));
var readCost = await readCpu / queueStatus.Latency.Count;

async Task<TimeSpan> CpuDuringMeasurementAsync(Func<TimeSpan> meter)
{
    await Task.Delay(warmupTime);
    var before = meter();
    await Task.Delay(duration);
    return meter() - before;
}

string Seconds(TimeSpan? time) => time is { } t ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "not reached";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Flash sale: {customers} customers ({botShare:P0} bots) vs {units} units, {concurrency} connections, warm-up {warmupCustomers} customers, {Environment.ProcessorCount} cores, in-memory components, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"All units reserved after {Seconds(allReserved)}, all sold (paid) after {Seconds(allSold)}; arrivals done after {arrivals.TotalSeconds:0.0} s; {saleRequests} requests during the sale = {saleRequests / arrivals.TotalSeconds:0} req/s"));
Console.WriteLine($"Sold {sold.Count} (humans {humanUnits}, bots that got through {botUnits} reservations); oversold {oversold}; customers over the limit {overLimit}; audit consistent {audit.GetProperty("consistent").GetBoolean()}; invariant broken in {invariantBroken} of {observations} observations");
Console.WriteLine($"Bot defence: {bots}");
Console.WriteLine($"CPU per request during the sale (utime+stime / {saleRequests} requests): {saleCpu.PerRequest(saleRequests)}");
Console.WriteLine(stats.ToMarkdown());
Console.WriteLine(BenchReport.ToMarkdown([(plain, null), (queueStatus, plain)]));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flash-sale CPU per queue-status read: {readCost.TotalMicroseconds:0} µs"));

await baseline.StopAsync();
Directory.Delete(scratch, recursive: true);

internal sealed record Customer(string Id, bool Bot, string Agent, string Ip);

/// <param name="Measured">False for the warm-up sale: its customers count in no result.</param>
internal sealed record Sale(string Id, EndpointStats Stats, bool Measured);
