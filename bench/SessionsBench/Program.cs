// Sessions: validations through the service (in-process cache hits) vs a plain Kestrel JSON endpoint in the same run,
// then creates/s and refreshes/s (each a session-actor turn with a durable write) on the zero-install SQLite profile.
// Usage: dotnet run -c Release --project bench/SessionsBench -- [seconds=15] [concurrency=64] [store=sqlite|memory]
// (store=memory keeps actor state in the sidecar's memory: it separates the cost of durable SQLite commits.)
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Bench;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
var store = args.Length > 2 ? args[2] : "sqlite";
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));
const string AdminKey = "bench-admin-key";
const int ValidationPoolSize = 1_000;
var loadBefore = File.ReadAllText("/proc/loadavg").Trim();

var scratch = Directory.CreateTempSubdirectory("sessions-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
foreach (var (name, type, metadata) in new[]
{
    store == "memory"
        ? ("statestore", "state.in-memory", new[] { ("actorStateStore", "true") })
        : ("statestore", "state.sqlite", new[] { ("connectionString", Path.Combine(scratch, "state.db")), ("busyTimeout", "30s"), ("actorStateStore", "true") }),
    ("pubsub", "pubsub.in-memory", []),
    ("broadcast", "pubsub.in-memory", new[] { ("consumerID", "{uuid}") }),
})
{
    var items = string.Concat(metadata.Select(item => $"\n    - name: {item.Item1}\n      value: \"{item.Item2}\""));
    File.WriteAllText(Path.Combine(resources, $"{name}.yaml"),
        $"apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: {type}\n  version: v1\n  metadata:{(items.Length == 0 ? " []" : items)}\n");
}

// Baseline: the same request and response shapes, answered with no work at all.
var baselinePort = SidecarProcess.FreePort();
var baselineBuilder = WebApplication.CreateSlimBuilder();
baselineBuilder.Logging.ClearProviders();
baselineBuilder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(baselinePort));
await using var baseline = baselineBuilder.Build();
baseline.MapPost("/api/v1/sessions/validate", (TokenBody body) => Results.Ok(new { valid = true, session_id = body.token[4..36] }));
await baseline.StartAsync();

var (appPort, daprHttpPort, daprGrpcPort) = (SidecarProcess.FreePort(), SidecarProcess.FreePort(), SidecarProcess.FreePort());
using var service = AppProcess.Start("sessions", RepositoryPaths.BuiltDll("services/Sessions", "AmazonScale.Sessions.dll"), appPort, new Dictionary<string, string>
{
    ["DAPR_HTTP_PORT"] = daprHttpPort.ToString(CultureInfo.InvariantCulture),
    ["DAPR_GRPC_PORT"] = daprGrpcPort.ToString(CultureInfo.InvariantCulture),
    ["Sessions__AdminKey"] = AdminKey,
});
using var sidecar = await SidecarProcess.StartAsync("sessions", appPort, resources, Path.Combine(scratch, "registry"), daprHttpPort, daprGrpcPort);
await service.WaitHealthyAsync(TimeSpan.FromSeconds(30));
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false }) { BaseAddress = service.BaseAddress };

var sessions = new ConcurrentBag<(string Access, string Refresh)>();
var users = 0;
var creates = await LoadRunner.RunAsync("POST /api/v1/sessions (create)", concurrency, warmup, duration, async (_, _) =>
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/sessions")
    {
        Content = JsonContent.Create(new { user_id = $"user-{Interlocked.Increment(ref users)}", device_id = "bench", platform = "web", ip = "203.0.113.7" }),
    };
    request.Headers.Add("X-Admin-Key", AdminKey);
    using var response = await http.SendAsync(request);
    var json = await ReadAsync(response, HttpStatusCode.Created);
    sessions.Add((json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!));
});
// A fixed pool keeps runs comparable: every session validated within ActivityFlushInterval (5 s) costs one actor call
// per flush to slide its idle deadline, so a pool as large as a fast box's create case (~10,000) would add ~2,000
// actor turns/s to the validation case, and a slow box's (~800) hardly any.
var pool = sessions.Take(ValidationPoolSize).ToArray();

Func<int, CancellationToken, Task> Validate(string baseUrl) => async (_, ct) =>
{
    using var response = await http.PostAsJsonAsync($"{baseUrl}api/v1/sessions/validate", new { token = pool[Random.Shared.Next(pool.Length)].Access }, ct);
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"validate answered {response.StatusCode}");
    }
};
var plain = await LoadRunner.RunAsync("plain Kestrel JSON POST (baseline)", concurrency, warmup, duration, Validate($"http://127.0.0.1:{baselinePort}/"));
var validations = await LoadRunner.RunAsync("POST /api/v1/sessions/validate (cache hit)", concurrency, warmup, duration, Validate(service.BaseAddress.ToString()));

// Each worker rotates its own session's chain: every call presents the refresh token the previous call returned.
var chains = pool.Take(concurrency).Select(session => session.Refresh).ToArray();
var refreshes = await LoadRunner.RunAsync("POST /api/v1/sessions/refresh (rotate)", Math.Min(concurrency, chains.Length), warmup, duration, async (worker, _) =>
{
    using var response = await http.PostAsJsonAsync("api/v1/sessions/refresh", new { refresh_token = chains[worker] });
    chains[worker] = (await ReadAsync(response, HttpStatusCode.OK)).GetProperty("refresh_token").GetString()!;
});

Console.WriteLine($"Sessions, {seconds}s per case, {Environment.ProcessorCount} cores, {store} actor state, {pool.Length} sessions in the validation pool");
Console.WriteLine($"load average before: {loadBefore}; after: {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine(BenchReport.ToMarkdown([(plain, null), (validations, plain), (creates, null), (refreshes, null)]));

// The service goes first: stopped before its sidecar, it has nothing left to report to it.
service.Dispose();
await baseline.StopAsync();
Directory.Delete(scratch, recursive: true);

static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
{
    var json = await response.Content.ReadFromJsonAsync<JsonElement>();
    return response.StatusCode == expected ? json : throw new InvalidOperationException($"answered {response.StatusCode}: {json}");
}

internal sealed record TokenBody(string token);
