// State save/get through the sidecar (DaprClient gRPC and the HTTP API) vs the same Redis work done directly
// with StackExchange.Redis, all measured in one run on loopback against a real sidecar process (Redis profile).
// Usage: dotnet run -c Release --project bench/StateBench -- [seconds=10] [concurrency=16]
using System.Globalization;
using System.Text;
using AmazonScale.Bench;
using AmazonScale.Bench.State;
using AmazonScale.Sidecar.State.Stores;
using Dapr.Client;
using StackExchange.Redis;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));
const int KeysPerWorker = 100;
const string AppId = "bench";

using var redis = await RedisProcess.StartAsync();
var scratch = Directory.CreateTempSubdirectory("state-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
await File.WriteAllTextAsync(Path.Combine(resources, "statestore.yaml"), $"""
    apiVersion: dapr.io/v1alpha1
    kind: Component
    metadata:
      name: statestore
    spec:
      type: state.redis
      version: v1
      metadata:
      - name: redisHost
        value: "{redis.Address}"
    """);
using var sidecar = await SidecarProcess.StartAsync(AppId, null, resources, Path.Combine(scratch, "registry"));

await using var direct = await ConnectionMultiplexer.ConnectAsync(redis.Address);
var db = direct.GetDatabase();
using var dapr = new DaprClientBuilder()
    .UseGrpcEndpoint($"http://127.0.0.1:{sidecar.GrpcPort}")
    .UseHttpEndpoint($"http://127.0.0.1:{sidecar.HttpPort}")
    .Build();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false })
{
    BaseAddress = new Uri($"http://127.0.0.1:{sidecar.HttpPort}/"),
};

var order = new BenchOrder("order-42", "ABC-123", 3, 59.97m, "2026-11-22T12:00:00Z");
var orderJson = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(order, System.Text.Json.JsonSerializerOptions.Web);
var counters = new int[concurrency];
string Key(int worker) => $"k-{worker}-{counters[worker]++ % KeysPerWorker}";

// Every key the get cases read exists: written once through the sidecar (hash data + version).
for (var worker = 0; worker < concurrency; worker++)
{
    for (var i = 0; i < KeysPerWorker; i++)
    {
        await dapr.SaveStateAsync("statestore", $"k-{worker}-{i}", order);
    }
}

var directGet = await LoadRunner.RunAsync("get: direct Redis HGETALL (baseline)", concurrency, warmup, duration,
    async (worker, _) => await db.HashGetAllAsync($"{AppId}||{Key(worker)}"));
var grpcGet = await LoadRunner.RunAsync("get: DaprClient.GetStateAsync (gRPC)", concurrency, warmup, duration,
    async (worker, ct) => await dapr.GetStateAsync<BenchOrder>("statestore", Key(worker), cancellationToken: ct));
var httpGet = await LoadRunner.RunAsync("get: HTTP GET /v1.0/state", concurrency, warmup, duration, async (worker, ct) =>
{
    using var response = await http.GetAsync($"v1.0/state/statestore/{Key(worker)}", ct);
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync(ct);
});

var directSave = await LoadRunner.RunAsync("save: direct Redis EVAL of the store's set script (baseline)", concurrency, warmup, duration,
    async (worker, _) => await db.ScriptEvaluateAsync(RedisStateScripts.Set, [$"{AppId}||{Key(worker)}"], ["0", orderJson, "1"]));
var grpcSave = await LoadRunner.RunAsync("save: DaprClient.SaveStateAsync (gRPC)", concurrency, warmup, duration,
    (worker, ct) => dapr.SaveStateAsync("statestore", Key(worker), order, cancellationToken: ct));
var httpSave = await LoadRunner.RunAsync("save: HTTP POST /v1.0/state", concurrency, warmup, duration, async (worker, ct) =>
{
    var body = $$"""[{"key":"{{Key(worker)}}","value":{{Encoding.UTF8.GetString(orderJson)}}}]""";
    using var response = await http.PostAsync("v1.0/state/statestore", new StringContent(body, Encoding.UTF8, "application/json"), ct);
    response.EnsureSuccessStatusCode();
});

Console.WriteLine($"State store (state.redis), {seconds}s per case, concurrency {concurrency}, {Environment.ProcessorCount} cores, value {orderJson.Length} B");
Console.WriteLine(BenchReport.ToMarkdown([(directGet, null), (grpcGet, directGet), (httpGet, directGet), (directSave, null), (grpcSave, directSave), (httpSave, directSave)]));
Directory.Delete(scratch, recursive: true);

internal sealed record BenchOrder(string Id, string Sku, int Quantity, decimal Total, string CreatedAt);
