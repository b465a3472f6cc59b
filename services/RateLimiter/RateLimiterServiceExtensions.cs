using System.Text.Json;
using AmazonScale.RateLimiter.Actors;
using AmazonScale.RateLimiter.Checks;
using AmazonScale.RateLimiter.Domain;
using AmazonScale.RateLimiter.Events;
using AmazonScale.RateLimiter.Policies;

namespace AmazonScale.RateLimiter;

public static class RateLimiterServiceExtensions
{
    private const long MaxRequestBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddRateLimiterService(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimiterOptions.Section).Get<RateLimiterOptions>() ?? new RateLimiterOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(new AdminKey(options.AdminKey, $"{RateLimiterOptions.Section}:AdminKey"));
        services.AddSingleton(options.Leases);
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<DecisionTally>();
        services.AddSingleton<RateLimiterMetrics>();
        services.AddSingleton<IDecisionSink>(provider => provider.GetRequiredService<DecisionTally>());
        services.AddSingleton<IDecisionSink>(provider => provider.GetRequiredService<RateLimiterMetrics>());
        services.AddSingleton<IBudgetOwnerClient, ActorBudgetOwnerClient>();
        services.AddSingleton<RateLimitEngine>();
        services.AddSingleton<PolicyStore>();
        services.AddSingleton<PolicySynchronizer>();
        services.AddHostedService(provider => provider.GetRequiredService<PolicySynchronizer>());
        services.AddHealthChecks().AddCheck<PoliciesLoadedHealthCheck>("policies-loaded");
        services.AddHostedService<DecisionPublisher>();

        services.AddActors(actors =>
        {
            actors.Actors.RegisterActor<BudgetActor>();
            actors.UseSidecarFrom(builder.Configuration);
        });

        services.AddGrpc();
        services.AddOpenApi();
        services.AddExceptionHandler<ExceptionProblems>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, CheckJsonContext.Default);
        });
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            // Two endpoints: HTTP/1.1 API ("Http", 5301) and h2c for Envoy's gRPC ("Grpc", 5302). They live under
            // RateLimiter:Kestrel so processes sharing this configuration (an in-process sidecar in tests) ignore them.
            kestrel.Configure(context.Configuration.GetSection($"{RateLimiterOptions.Section}:Kestrel"), reloadOnChange: false);
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        return builder;
    }
}
