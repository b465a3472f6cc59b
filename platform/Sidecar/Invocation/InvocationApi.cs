using AmazonScale.Sidecar.Discovery;
using AmazonScale.Sidecar.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Sidecar.Invocation;

/// <summary>
/// HTTP service invocation: /v1.0/invoke/{appId}/method/{method} with any verb, the dapr-app-id header
/// form on any other path, and the private peer endpoint through which another sidecar delivers a call
/// to this sidecar's app. Bodies are streamed in both directions; status, headers and body pass verbatim.
/// </summary>
public static class InvocationApi
{
    public const string AppIdHeader = "dapr-app-id";

    public static IServiceCollection AddInvocation(this IServiceCollection services)
    {
        services.AddSingleton<InvocationForwarder>();
        services.AddSingleton<Grpc.IDaprGrpcMethods, InvocationGrpcMethods>();
        services.AddHttpClient(InvocationForwarder.PeerClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
            .AddHttpMessageHandler(() => new Hosting.SocketErrorHandler())
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }

    public static IEndpointRouteBuilder MapInvocationApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/v1.0/invoke/{appId}/method/{**method}", InvokeByPath);
        endpoints.Map(PeerAuthentication.PathPrefix + "/invoke/{**method}", DeliverFromPeer);
        endpoints.MapFallback(InvokeByHeader);
        return endpoints;
    }

    private static Task InvokeByPath(HttpContext context, string appId, string? method, InvocationForwarder forwarder, Hosting.SidecarOptions options) =>
        ForwardAsync(context, Uri.UnescapeDataString(appId), method ?? "", forwarder, options);

    private static Task InvokeByHeader(HttpContext context, InvocationForwarder forwarder, Hosting.SidecarOptions options)
    {
        var appId = context.Request.Headers[AppIdHeader].ToString();
        if (appId.Length == 0)
        {
            return DaprErrorResults.WriteAsync(context, new DaprError("ERR_NOT_FOUND", 404, global::Grpc.Core.StatusCode.NotFound,
                $"no Dapr API at {context.Request.Method} {context.Request.Path}"));
        }
        return ForwardAsync(context, appId, context.Request.Path.Value!.TrimStart('/'), forwarder, options);
    }

    private static async Task ForwardAsync(HttpContext context, string appId, string method, InvocationForwarder forwarder, Hosting.SidecarOptions options)
    {
        using var request = ToRequestMessage(context, method);
        var replayable = request.Content is null;
        using var response = await forwarder.SendAsync(appId, request, options.AppId, replayable, context.RequestAborted);
        await CopyResponseAsync(response, context);
    }

    private static async Task DeliverFromPeer(HttpContext context, string? method, InvocationForwarder forwarder)
    {
        using var request = ToRequestMessage(context, method ?? "");
        using var response = await forwarder.SendToOwnAppAsync(request, context.RequestAborted);
        await CopyResponseAsync(response, context);
    }

    private static HttpRequestMessage ToRequestMessage(HttpContext context, string method)
    {
        var incoming = context.Request;
        var message = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(method + incoming.QueryString, UriKind.Relative));
        var hasBody = incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            message.Content = new StreamContent(incoming.Body);
        }
        HttpHeaderCopy.CopyRequestHeaders(incoming, message);
        message.Headers.Remove(AppIdHeader);
        if (context.Connection.RemoteIpAddress is { } remote && !message.Headers.Contains("X-Forwarded-For"))
        {
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
            message.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        }
        return message;
    }

    private static async Task CopyResponseAsync(HttpResponseMessage response, HttpContext context)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        HttpHeaderCopy.CopyResponseHeaders(response, context.Response);
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
