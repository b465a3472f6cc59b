using AmazonScale.Sessions.Access;
using AmazonScale.Sessions.Actors;
using AmazonScale.Sessions.Events;
using AmazonScale.Sessions.Lifecycle;
using AmazonScale.Sessions.Validation;

namespace AmazonScale.Sessions;

public static class SessionsServiceExtensions
{
    private const long MaxRequestBodyBytes = 16 * 1024;

    public static WebApplicationBuilder AddSessionsService(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SessionsOptions.Section).Get<SessionsOptions>() ?? new SessionsOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SessionsMetrics>();
        services.AddSingleton<SecurityEventQueue>();
        services.AddHostedService<SecurityEventPublisher>();
        services.AddSingleton<SessionActors>();
        services.AddSingleton<SessionCache>();
        services.AddSingleton<ActivityTracker>();
        services.AddHostedService(provider => provider.GetRequiredService<ActivityTracker>());
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<SessionLifecycle>();
        services.AddSingleton(new AdminKey(options.AdminKey, $"{SessionsOptions.Section}:AdminKey"));
        services.AddSingleton<CallerResolver>();

        services.AddActors(actors =>
        {
            actors.Actors.RegisterActor<SessionActor>();
            actors.Actors.RegisterActor<UserActor>();
            actors.Actors.RegisterActor<ExpiryBucketActor>();
            actors.ActorIdleTimeout = options.ActorIdleTimeout;
            actors.UseSidecarFrom(builder.Configuration);
        });

        services.AddOpenApi();
        services.AddExceptionHandler<ExceptionProblems>();
        builder.AddJsonApiConventions(MaxRequestBodyBytes);
        return builder;
    }
}
