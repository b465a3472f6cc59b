using AmazonScale.Sidecar.Actors;
using AmazonScale.Sidecar.AppChannel;
using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Components.Secrets;
using AmazonScale.Sidecar.Discovery;
using AmazonScale.Sidecar.Errors;
using AmazonScale.Sidecar.Grpc;
using AmazonScale.Sidecar.Health;
using AmazonScale.Sidecar.Hosting;
using AmazonScale.Sidecar.Invocation;
using AmazonScale.Sidecar.Metadata;
using AmazonScale.Sidecar.State;
using AmazonScale.Sidecar.PubSub;
using AmazonScale.Sidecar.Telemetry;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AmazonScale.Sidecar;

/// <summary>
/// Composition root of the daprd stand-in: the HTTP API on --dapr-http-port, the gRPC API (h2c) on
/// --dapr-grpc-port, both on loopback (IPv4 and IPv6, since the SDK dials "localhost").
/// </summary>
public static class SidecarApp
{
    public static WebApplication Build(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = SidecarOptions.Parse(args, environment);
        var configuration = DaprConfiguration.Load(options.ConfigPath);
        var catalog = ResourceCatalog.Load(options.ResourcesPaths, options.AppId);

        // No args: daprd's flags are not ASP.NET configuration, and ASPNETCORE_URLS must not move the ports.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // daprd takes its settings from flags, env vars and YAML only. An appsettings.json that happens to sit in the
        // content root (e.g. a service's, when tests host the sidecar in-process) must not reconfigure Kestrel or logging.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(ParseLogLevel(options.LogLevel));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.ListenLocalhost(options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.ListenLocalhost(options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(configuration);
        services.AddSingleton(catalog);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiTokenVerifier>();
        services.AddSidecarTelemetry(options, configuration, environment);

        services.AddSingleton<IComponentFactory, SecretStoreFactory>();
        services.AddSingleton<ComponentRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<ComponentRegistry>());

        services.AddSingleton<PeerAuthentication>();
        services.AddSingleton<LocalRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalRegistry>());
        services.AddHttpClient(nameof(AppChannel.AppChannel))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
            .AddHttpMessageHandler(() => new SocketErrorHandler())
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<AppChannel.AppChannel>();
        services.AddSingleton<SidecarReadiness>();
        services.AddHostedService<AppStartup>();

        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<DaprGrpcInterceptor>();
            grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, options.MaxRequestBodyBytes);
        });
        services.AddSingleton<IServiceMethodProvider<DaprGrpcService>, DaprGrpcMethodProvider>();
        services.AddSingleton<DaprGrpcService>();

        services.AddSingleton<MetadataService>();
        services.AddSingleton<IDaprGrpcMethods, MetadataGrpcMethods>();
        services.AddInvocation();
        services.AddStateBuildingBlock();
        services.AddPubSubBuildingBlock();
        services.AddActorsBuildingBlock();

        var app = builder.Build();
        app.UseMiddleware<PathNormalizationMiddleware>();
        app.UseRouting();
        app.UseWhen(context => context.Connection.LocalPort == options.HttpPort, http =>
        {
            http.UseMiddleware<DaprExceptionMiddleware>();
            http.UseMiddleware<PeerAuthenticationMiddleware>();
            http.UseMiddleware<ApiTokenMiddleware>();
        });

        app.MapHealthApi();
        app.MapMetadataApi();
        app.MapStateApi();
        app.MapPubSubApi();
        app.MapActorsApi();
        app.MapInvocationApi();
        app.MapGrpcService<DaprGrpcService>();
        return app;
    }

    private static LogLevel ParseLogLevel(string level) => level.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" => LogLevel.Critical,
        _ => LogLevel.Information,
    };
}
