using Microsoft.AspNetCore.Http;

namespace AmazonScale.Sidecar.Hosting;

/// <summary>
/// The .NET actor SDK builds URLs as "{endpoint}/{path}" with an endpoint that ends in '/', so requests
/// arrive as //v1.0/actors/...; daprd cleans such paths and ASP.NET Core routing would 404 them.
/// </summary>
public sealed class PathNormalizationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (!string.IsNullOrEmpty(path))
        {
            var normalized = Normalize(path);
            if (!ReferenceEquals(normalized, path))
            {
                context.Request.Path = new PathString(normalized);
            }
        }
        return next(context);
    }

    /// <summary>Collapses repeated slashes and drops a trailing slash; returns the same instance when nothing changes.</summary>
    public static string Normalize(string path)
    {
        var needsWork = path.Length > 1 && path[^1] == '/' || path.Contains("//", StringComparison.Ordinal);
        if (!needsWork)
        {
            return path;
        }

        var builder = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c == '/' && builder.Length > 0 && builder[^1] == '/')
            {
                continue;
            }
            builder.Append(c);
        }
        if (builder.Length > 1 && builder[^1] == '/')
        {
            builder.Length--;
        }
        return builder.ToString();
    }
}
