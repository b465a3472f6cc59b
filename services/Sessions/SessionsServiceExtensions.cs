using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.Sessions.Access;
using AmazonScale.Sessions.Actors;
using AmazonScale.Sessions.Events;
using AmazonScale.Sessions.Lifecycle;
using AmazonScale.Sessions.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

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
        services.AddSingleton<AdminKey>();
        services.AddSingleton<CallerResolver>();

        services.AddActors(actors =>
        {
            actors.Actors.RegisterActor<SessionActor>();
            actors.Actors.RegisterActor<UserActor>();
            actors.Actors.RegisterActor<ExpiryBucketActor>();
            actors.ActorIdleTimeout = options.ActorIdleTimeout;
            // Same-process tests run several instances, so the sidecar address comes from configuration, not only the environment.
            if (builder.Configuration["DAPR_HTTP_PORT"] is { Length: > 0 } port)
            {
                actors.HttpEndpoint = $"http://127.0.0.1:{port}";
            }
            if (builder.Configuration["DAPR_API_TOKEN"] is { Length: > 0 } token)
            {
                actors.DaprApiToken = token;
            }
        });

        services.AddOpenApi();
        services.AddExceptionHandler<ExceptionProblems>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        // Unreadable bodies (bad JSON, wrong types, unknown platform, too large) are the client's fault: answer with the
        // exception's own status (400/413/415) as problem+json, saying what was wrong.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.Configure<ExceptionHandlerOptions>(handler =>
            handler.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Detail = bad.Message;
            }
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        return builder;
    }
}
