using AmazonScale.UrlShortener.Analytics;
using AmazonScale.UrlShortener.Events;
using AmazonScale.UrlShortener.Owners;
using AmazonScale.UrlShortener.Redirects;
using AmazonScale.UrlShortener.State;
using AmazonScale.UrlShortener.Urls;
using Microsoft.AspNetCore.Authentication;

namespace AmazonScale.UrlShortener;

public static class UrlShortenerExtensions
{
    private const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Everything the URL shortener needs on top of the service defaults.</summary>
    public static IHostApplicationBuilder AddUrlShortener(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UrlShortenerOptions>().Bind(builder.Configuration.GetSection(UrlShortenerOptions.Section));
        // A bulk create carries at most 1,000 URLs of at most 2,048 characters each.
        builder.AddJsonApiConventions(MaxRequestBodyBytes);
        services.AddOpenApi();

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
        services.AddSingleton<ShortLinkRedirects>();
        services.AddHostedService<ClickPublisher>();
        services.AddSingleton<VisitAggregator>();
        services.AddSingleton<AnalyticsReader>();
        return builder;
    }
}
