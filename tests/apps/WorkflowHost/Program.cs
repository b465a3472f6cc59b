using System.Globalization;
using AmazonScale.WorkflowHost;

// The workflow test app as its own process, for crash tests that kill -9 it.
// Arguments: --app-port, --dapr-http-port, --effects-file (where activities record their side effects).
var appPort = int.Parse(ArgValue(args, "--app-port"), CultureInfo.InvariantCulture);
var sidecarPort = ArgValue(args, "--dapr-http-port");
var effects = new EffectsFile(ArgValue(args, "--effects-file"));

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(appPort));
builder.Services.AddSingleton(effects);
builder.Services.AddDaprWorkflow(options =>
{
    options.AppId = WorkflowHostApp.AppId;
    options.RedeliveryInterval = TimeSpan.FromSeconds(1);
    options.RegisterWorkflow<DurableChainWorkflow>();
    options.RegisterActivity<RecordEffectActivity>();
});
builder.Services.AddActors(actors => actors.HttpEndpoint = $"http://127.0.0.1:{sidecarPort}");
var app = builder.Build();
app.MapActorsHandlers();
app.MapWorkflowEndpoints();
await app.StartAsync();
Console.WriteLine($"WorkflowHost listening on {appPort}");
await app.WaitForShutdownAsync();

static string ArgValue(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : throw new ArgumentException($"{name} is required");
}
