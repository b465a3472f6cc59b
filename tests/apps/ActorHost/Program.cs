using AmazonScale.TestActorHost;

// The actor test app as its own process, for crash tests that kill -9 it: --app-port and --dapr-http-port.
var appPort = int.Parse(ArgValue(args, "--app-port"), System.Globalization.CultureInfo.InvariantCulture);
var sidecarPort = ArgValue(args, "--dapr-http-port");

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(appPort));
builder.Services.AddTestActors($"http://127.0.0.1:{sidecarPort}");
var app = builder.Build();
app.MapActorsHandlers();
await app.StartAsync();
Console.WriteLine($"ActorHost listening on {appPort}");
await app.WaitForShutdownAsync();

static string ArgValue(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : throw new ArgumentException($"{name} is required");
}
