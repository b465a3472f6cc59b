using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AmazonScale.Dashboard.Auth;

/// <summary>
/// Browser-token login like the Aspire dashboard: /login?t=… sets an auth cookie; scripts send the token as a
/// bearer header. Unauthenticated pages redirect to /login, unauthenticated API calls get a 401 problem.
/// </summary>
internal static class DashboardAuthentication
{
    public const string CookieScheme = "DashboardCookie";
    public const string CookieName = ".AmazonScale.Dashboard.Auth";
    private const string SelectorScheme = "Dashboard";
    private const string BearerScheme = "DashboardBearer";

    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services, DashboardOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(new SecretValidator(options.BrowserToken));

        // Cookies only need to outlive this AppHost run, so keys stay in memory and never touch disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, displayName: null, o =>
                o.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0 ? BearerScheme : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromDays(3);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.Events.OnRedirectToLogin = context => IsApiRequest(context.Request)
                    ? WriteUnauthorizedAsync(context.HttpContext)
                    : RedirectAsync(context);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, displayName: null, _ => { });

        services.AddAuthorization(o =>
        {
            if (!options.AllowAnonymous)
            {
                o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });
        return services;
    }

    public static ClaimsPrincipal CreateUser(string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "dashboard-user")], scheme));

    public static Task WriteUnauthorizedAsync(HttpContext context) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "Log in at /login?t=<token> or send 'Authorization: Bearer <token>'.").ExecuteAsync(context);

    private static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task RedirectAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
