using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>The HTTP API conventions every service of this repository shares.</summary>
public static class JsonApiConventions
{
    /// <summary>
    /// snake_case JSON (enums as snake_case text); unreadable bodies (bad JSON, wrong types, unknown enum values, over
    /// <paramref name="maxRequestBodyBytes"/>) are the client's fault: they answer with the exception's own status
    /// (400/413/415) as problem+json in every environment, saying what was wrong.
    /// </summary>
    public static TBuilder AddJsonApiConventions<TBuilder>(this TBuilder builder, long maxRequestBodyBytes) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
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
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        return builder;
    }
}
