using AmazonScale.TestSupport;

namespace AmazonScale.ServiceDefaults.Tests;

/// <summary>A minimal service wired exactly like the real ones (AddServiceDefaults + MapDefaultEndpoints).</summary>
internal sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceUnderTest(WebApplication app, int port)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public HttpClient Http { get; }

    public static async Task<ServiceUnderTest> StartAsync(int daprHttpPort, string? appApiToken = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["DAPR_HTTP_PORT"] = daprHttpPort.ToString();
        builder.Configuration["DAPR_GRPC_PORT"] = FreePort.Next().ToString();
        builder.Configuration["APP_API_TOKEN"] = appApiToken;
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.UseDaprPubSub();
        app.MapPost("/orders", () => TypedResults.Ok()).WithTopic("pubsub", "orders");
        app.MapGet("/public", () => "hello");
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
