using System.Net.Http.Headers;
using AmazonScale.Sidecar.Grpc;

using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AmazonScale.Sidecar.Invocation;

/// <summary>
/// gRPC InvokeService (deprecated in daprd, still used by DaprClient.InvokeMethodGrpcAsync): the request
/// becomes an HTTP call to the target app with the given verb, query string and content type.
/// </summary>
public sealed class InvocationGrpcMethods(InvocationForwarder forwarder, Hosting.SidecarOptions options) : IDaprGrpcMethods
{
    public void Bind(DaprGrpcBinder binder) => binder.Unary<InvokeServiceRequest, InvokeResponse>("InvokeService", InvokeAsync);

    private async Task<InvokeResponse> InvokeAsync(InvokeServiceRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Id))
        {
            throw InvocationErrors.MissingAppId().ToException();
        }
        var message = request.Message ?? new InvokeRequest();
        var extension = message.HttpExtension;
        var verb = extension?.Verb is { } v && v != HTTPExtension.Types.Verb.None ? v.ToString().ToUpperInvariant() : "POST";
        var query = string.IsNullOrEmpty(extension?.Querystring) ? "" : "?" + extension.Querystring;

        using var http = new HttpRequestMessage(new HttpMethod(verb), new Uri(message.Method.TrimStart('/') + query, UriKind.Relative));
        if (message.Data is { Value.Length: > 0 } data)
        {
            http.Content = new ByteArrayContent(data.Value.ToByteArray());
            if (!string.IsNullOrEmpty(message.ContentType) && MediaTypeHeaderValue.TryParse(message.ContentType, out var contentType))
            {
                http.Content.Headers.ContentType = contentType;
            }
        }
        foreach (var header in context.RequestHeaders.Where(h => !h.IsBinary && HttpHeaderCopy.IsForwarded(h.Key) && !h.Key.StartsWith(':') && h.Key is not "content-type" and not "te"))
        {
            http.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var response = await forwarder.SendAsync(request.Id, http, options.AppId, replayable: true, context.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(context.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new RpcException(new Status(ToGrpcStatus((int)response.StatusCode),
                $"error invoking app {request.Id}: HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}"));
        }
        return new InvokeResponse
        {
            Data = new Any { Value = ByteString.CopyFrom(body) },
            ContentType = response.Content.Headers.ContentType?.ToString() ?? "",
        };
    }

    private static StatusCode ToGrpcStatus(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.NotFound,
        409 => StatusCode.Aborted,
        429 => StatusCode.ResourceExhausted,
        501 => StatusCode.Unimplemented,
        503 => StatusCode.Unavailable,
        504 => StatusCode.DeadlineExceeded,
        _ => StatusCode.Unknown,
    };
}
