using System.Net;
using System.Text.Json.Serialization;
using AmazonScale.Dashboard.Api;
using AmazonScale.Dashboard.Auth;
using AmazonScale.Dashboard.Otlp;
using AmazonScale.Dashboard.Resources;
using AmazonScale.Dashboard.Telemetry;
using AmazonScale.Dashboard.Ui;
using Microsoft.AspNetCore.Builder;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Dashboard;

/// <summary>
/// Starts the dashboard inside the AppHost process: the browser UI + JSON API on <see cref="DashboardOptions.UiPort"/>,
/// the OTLP/HTTP receiver on <see cref="DashboardOptions.OtlpHttpPort"/> and OTLP/gRPC on
/// <see cref="DashboardOptions.OtlpGrpcPort"/>, all on loopback only and all feeding one telemetry store.
/// </summary>
public static class DashboardHost
{
    public static async Task<RunningDashboard> StartAsync(DashboardOptions options, IResourceService resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resources);
        var telemetry = new TelemetryStore(options.Limits);
        var authorization = new OtlpAuthorization(options.OtlpApiKey);
        WebApplication[] apps =
        [
            BuildUi(options, resources, telemetry),
            BuildOtlpHttpReceiver(options.OtlpHttpPort, telemetry, authorization),
            BuildOtlpGrpcReceiver(options.OtlpGrpcPort, telemetry, authorization),
        ];
        try
        {
            foreach (var app in apps)
            {
                await app.StartAsync(cancellationToken);
            }
        }
        catch
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }

            throw;
        }

        return new RunningDashboard(apps[0], apps[1], apps[2], telemetry, options.BrowserToken);
    }

    private static WebApplication BuildUi(DashboardOptions options, IResourceService resources, TelemetryStore telemetry)
    {
        var builder = CreateBuilder(options.UiPort, HttpProtocols.Http1AndHttp2);
        builder.Services.AddSingleton(resources);
        builder.Services.AddSingleton(telemetry);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddDashboardAuthentication(options);

        var app = builder.Build();
        app.UseDashboardSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapLoginEndpoints();
        app.MapResourcesApi();
        app.MapTracesApi();
        app.MapLogsApi();
        app.MapMetricsApi();
        app.MapServicesApi();
        app.MapUiAssets();
        return app;
    }

    private static WebApplication BuildOtlpHttpReceiver(int port, TelemetryStore telemetry, OtlpAuthorization authorization)
    {
        var builder = CreateBuilder(port, HttpProtocols.Http1AndHttp2);
        builder.Services.AddSingleton(telemetry);
        builder.Services.AddSingleton(authorization);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = OtlpHttpReceiver.MaxBodyBytes);
        var app = builder.Build();
        app.MapOtlpHttpReceiver();
        return app;
    }

    private static WebApplication BuildOtlpGrpcReceiver(int port, TelemetryStore telemetry, OtlpAuthorization authorization)
    {
        // gRPC without TLS needs HTTP/2 with prior knowledge, so this listener speaks nothing else.
        var builder = CreateBuilder(port, HttpProtocols.Http2);
        builder.Services.AddSingleton(telemetry);
        builder.Services.AddSingleton(authorization);
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = (int)OtlpHttpReceiver.MaxBodyBytes);
        builder.Services.AddSingleton<IServiceMethodProvider<OtlpGrpcService>, OtlpGrpcMethodProvider>();
        var app = builder.Build();
        app.MapGrpcService<OtlpGrpcService>();
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(int port, HttpProtocols protocols)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(DashboardHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The AppHost's console belongs to the resources' output; only problems from the dashboard itself show there.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (port == 0)
            {
                k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols);
            }
            else
            {
                k.ListenLocalhost(port, listen => listen.Protocols = protocols);
            }
        });
        return builder;
    }
}
