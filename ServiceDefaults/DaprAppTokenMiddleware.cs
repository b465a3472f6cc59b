using System.Security.Cryptography;
using System.Text;
using Dapr;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// When APP_API_TOKEN is set, the sidecar sends it as dapr-api-token on every call it makes to the app.
/// Requests that only the sidecar may make — /dapr/* (config, subscribe), /actors/* and pub/sub topic
/// handlers — are refused with 401 unless they carry it, so nobody else can forge events or actor calls.
/// </summary>
public sealed class DaprAppTokenMiddleware(RequestDelegate next, IConfiguration configuration)
{
    private const string HeaderName = "dapr-api-token";
    private readonly byte[]? _expected = configuration["APP_API_TOKEN"] is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (_expected is null || !IsSidecarOnly(context) || Matches(context.Request.Headers[HeaderName].ToString()))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "This endpoint only accepts calls from the Dapr sidecar.")
            .ExecuteAsync(context);
    }

    private static bool IsSidecarOnly(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/dapr")
        || context.Request.Path.StartsWithSegments("/actors")
        || context.GetEndpoint()?.Metadata.GetMetadata<ITopicMetadata>() is not null;

    private bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
}
