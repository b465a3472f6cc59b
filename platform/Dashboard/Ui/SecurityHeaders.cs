using Microsoft.AspNetCore.Builder;

namespace AmazonScale.Dashboard.Ui;

/// <summary>
/// Browser hardening for the UI port: scripts only from this origin (the UI builds DOM without HTML strings, so no
/// inline script is needed), no framing, no MIME sniffing, and no Referer that could carry a /login?t= token away.
/// </summary>
internal static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public static IApplicationBuilder UseDashboardSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
}
