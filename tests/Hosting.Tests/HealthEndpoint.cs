using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AmazonScale.Hosting.Tests;

/// <summary>A loopback /health endpoint whose answer the test switches, standing in for a resource's health.</summary>
internal sealed class HealthEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile bool _healthy;

    private HealthEndpoint(WebApplication app)
    {
        _app = app;
    }

    public int Port => new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;

    public bool Healthy
    {
        get => _healthy;
        set => _healthy = value;
    }

    public static async Task<HealthEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var endpoint = new HealthEndpoint(app);
        app.MapGet("/health", () => endpoint.Healthy ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync();
        return endpoint;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
