using System.Diagnostics;
using AmazonScale.TestSupport;

namespace AmazonScale.ServiceDefaults.Tests;

/// <summary>A minimal service wired exactly like the real ones (AddServiceDefaults + MapDefaultEndpoints).</summary>
internal sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceUnderTest(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public HttpClient Http { get; }

    public int Port { get; }

    public static async Task<ServiceUnderTest> StartAsync(
        int daprHttpPort, string? appApiToken = null, string environment = "Production", IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Logging.ClearProviders();
        builder.Configuration["DAPR_HTTP_PORT"] = daprHttpPort.ToString();
        builder.Configuration["DAPR_GRPC_PORT"] = FreePort.Next().ToString();
        builder.Configuration["APP_API_TOKEN"] = appApiToken;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.Configuration[key] = value;
        }
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.UseDaprPubSub();
        app.MapPost("/orders", () => TypedResults.Ok()).WithTopic("pubsub", "orders");
        app.MapGet("/public", () => "hello");
        // Whether the request's own span is being recorded, i.e. what the trace sampler decided for it.
        app.MapGet("/recorded", () => Activity.Current?.Recorded == true);
        await app.StartAsync();
        return new ServiceUnderTest(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
