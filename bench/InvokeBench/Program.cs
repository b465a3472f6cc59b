// Service invocation through the sidecars vs a direct HTTP call to the same app, measured in one run.
// Usage: dotnet run -c Release --project bench/InvokeBench -- [seconds=10] [concurrency=16]
using System.Globalization;
using AmazonScale.Bench;

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Min(3, seconds));

var appPort = SidecarProcess.FreePort();
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(appPort));
await using var app = builder.Build();
app.MapPost("/echo", async (HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body);
    return Results.Text(await reader.ReadToEndAsync(), "application/json");
});
await app.StartAsync();

var scratch = Directory.CreateTempSubdirectory("invoke-bench-").FullName;
var resources = Directory.CreateDirectory(Path.Combine(scratch, "components")).FullName;
var registry = Path.Combine(scratch, "registry");
using var targetSidecar = await SidecarProcess.StartAsync("target", appPort, resources, registry);
using var callerSidecar = await SidecarProcess.StartAsync("caller", null, resources, registry);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false });
var payload = """{"orderId":42,"sku":"ABC-123","quantity":1}""";

Func<int, CancellationToken, Task> Post(string url) => async (_, ct) =>
{
    using var response = await http.PostAsync(url, new StringContent(payload, System.Text.Encoding.UTF8, "application/json"), ct);
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync(ct);
};

var direct = await LoadRunner.RunAsync("direct HTTP to app (baseline)", concurrency, warmup, duration, Post($"http://127.0.0.1:{appPort}/echo"));
var oneHop = await LoadRunner.RunAsync("invoke via own sidecar (app id = self)", concurrency, warmup, duration,
    Post($"http://127.0.0.1:{targetSidecar.HttpPort}/v1.0/invoke/target/method/echo"));
var twoHops = await LoadRunner.RunAsync("invoke via caller sidecar -> target sidecar", concurrency, warmup, duration,
    Post($"http://127.0.0.1:{callerSidecar.HttpPort}/v1.0/invoke/target/method/echo"));

Console.WriteLine($"Service invocation, {seconds}s per case, {Environment.ProcessorCount} cores, payload {payload.Length} B");
Console.WriteLine(BenchReport.ToMarkdown([(direct, null), (oneHop, direct), (twoHops, direct)]));
await app.StopAsync();
Directory.Delete(scratch, recursive: true);
