// Answers the two daprd health routes the AppHost and ServiceDefaults probe, and GET /fake/launch with its
// command line and environment so tests can check what the AppHost passed. It implements no building block.
var flags = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{flags["--dapr-http-port"]}");
var app = builder.Build();

app.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
app.MapGet("/fake/launch", () => new
{
    Arguments = args,
    Environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
        .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value),
    WorkingDirectory = Environment.CurrentDirectory,
});
app.Run();
