using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.UrlShortener.Analytics;
using AmazonScale.UrlShortener.Events;
using AmazonScale.UrlShortener.Owners;
using AmazonScale.UrlShortener.Redirects;
using AmazonScale.UrlShortener.State;
using AmazonScale.UrlShortener.Urls;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.UrlShortener;

public static class UrlShortenerExtensions
{
    /// <summary>Everything the URL shortener needs on top of the service defaults.</summary>
    public static IHostApplicationBuilder AddUrlShortener(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UrlShortenerOptions>().Bind(builder.Configuration.GetSection(UrlShortenerOptions.Section));
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddOpenApi();
        // Unreadable bodies (bad JSON, wrong types, over the size limit) are the client's fault: answer with the
        // exception's own status (400/413/415) as problem+json, in every environment, saying what was wrong.
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

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.SchemeName, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(AdminKeyAuthenticationHandler.SchemeName, policy => policy.AddAuthenticationSchemes(AdminKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<UrlShortenerMetrics>();
        services.AddSingleton<StripedLock>();
        services.AddSingleton<StateDocuments>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<QuotaLedger>();
        services.AddSingleton<OwnerIndex>();
        services.AddSingleton<DomainRegistry>();
        services.AddSingleton<UrlCatalog>();
        services.AddSingleton<UrlCreation>();
        services.AddSingleton<UrlLinks>();
        services.AddSingleton<RedirectCache>();
        services.AddSingleton<ClickQueue>();
        services.AddSingleton<ClickRecorder>();
        services.AddHostedService<ClickPublisher>();
        services.AddSingleton<VisitAggregator>();
        services.AddSingleton<AnalyticsReader>();
        return builder;
    }
}
