using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Dashboard.Auth;

/// <summary>GET /login?t=&lt;token&gt; (the link the AppHost prints) and the token form shown without one.</summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", LogIn).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/logout", (Delegate)LogOut).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> LogIn(
        HttpContext context, SecretValidator validator, DashboardOptions options, string? t, string? returnUrl)
    {
        if (options.AllowAnonymous)
        {
            return TypedResults.LocalRedirect("/");
        }

        if (string.IsNullOrEmpty(t))
        {
            return LoginPage(error: null, returnUrl, StatusCodes.Status200OK);
        }

        if (!validator.IsValid(t))
        {
            return LoginPage("That token is not valid for this dashboard. Copy the login link the AppHost printed.", returnUrl, StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(DashboardAuthentication.CookieScheme, DashboardAuthentication.CreateUser(DashboardAuthentication.CookieScheme));
        return TypedResults.LocalRedirect(IsLocalPath(returnUrl) ? returnUrl! : "/");
    }

    private static async Task<RedirectHttpResult> LogOut(HttpContext context)
    {
        await context.SignOutAsync(DashboardAuthentication.CookieScheme);
        return TypedResults.LocalRedirect("/login");
    }

    // Only same-site paths: "//host" and "/\host" would let a crafted link bounce the user to another site.
    private static bool IsLocalPath(string? url) =>
        url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static ContentHttpResult LoginPage(string? error, string? returnUrl, int statusCode)
    {
        var message = error is null ? "" : $"<p class=\"error\">{HtmlEncoder.Default.Encode(error)}</p>";
        var returnField = IsLocalPath(returnUrl) ? $"<input type=\"hidden\" name=\"returnUrl\" value=\"{HtmlEncoder.Default.Encode(returnUrl!)}\">" : "";
        return TypedResults.Content(
            $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Log in · AmazonScale dashboard</title>
            <link rel="stylesheet" href="/app.css"></head>
            <body class="login"><form method="get" action="/login" class="login-box">
            <h1>AmazonScale dashboard</h1>
            <p>Paste the token from the login link the AppHost printed (<code>/login?t=…</code>).</p>
            {{message}}
            {{returnField}}
            <input name="t" type="password" autocomplete="off" placeholder="Token" autofocus required>
            <button type="submit">Log in</button>
            </form></body></html>
            """,
            "text/html; charset=utf-8",
            statusCode: statusCode);
    }
}
