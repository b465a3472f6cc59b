using System.Net;
using System.Text.Json.Serialization;
using AmazonScale.Dashboard.Api;
using AmazonScale.Dashboard.Auth;
using AmazonScale.Dashboard.Otlp;
using AmazonScale.Dashboard.Resources;
using AmazonScale.Dashboard.Telemetry;
using AmazonScale.Dashboard.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Dashboard;

/// <summary>
/// Starts the dashboard inside the AppHost process: the browser UI + JSON API on <see cref="DashboardOptions.UiPort"/>
/// and the OTLP/HTTP receiver on <see cref="DashboardOptions.OtlpHttpPort"/>, both on loopback only.
/// </summary>
public static class DashboardHost
{
    public static async Task<RunningDashboard> StartAsync(DashboardOptions options, IResourceService resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resources);
        var telemetry = new TelemetryStore(options.Limits);
        var ui = BuildUi(options, resources, telemetry);
        var otlp = BuildOtlpReceiver(options, telemetry);
        try
        {
            await ui.StartAsync(cancellationToken);
            await otlp.StartAsync(cancellationToken);
        }
        catch
        {
            await ui.DisposeAsync();
            await otlp.DisposeAsync();
            throw;
        }

        return new RunningDashboard(ui, otlp, telemetry, options.BrowserToken);
    }

    private static WebApplication BuildUi(DashboardOptions options, IResourceService resources, TelemetryStore telemetry)
    {
        var builder = CreateBuilder(options.UiPort);
        builder.Services.AddSingleton(resources);
        builder.Services.AddSingleton(telemetry);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddDashboardAuthentication(options);

        var app = builder.Build();
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

    private static WebApplication BuildOtlpReceiver(DashboardOptions options, TelemetryStore telemetry)
    {
        var builder = CreateBuilder(options.OtlpHttpPort);
        builder.Services.AddSingleton(telemetry);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = OtlpHttpReceiver.MaxBodyBytes);
        var app = builder.Build();
        app.MapOtlpHttpReceiver(options.OtlpApiKey);
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(int port)
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
                k.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                k.ListenLocalhost(port);
            }
        });
        return builder;
    }
}
