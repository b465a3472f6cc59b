using AmazonScale.Sidecar.Actors.Runtime;
using AmazonScale.Sidecar.Invocation;
using Microsoft.AspNetCore.Http;

namespace AmazonScale.Sidecar.Actors.Invocation;

/// <summary>
/// An actor method call as received on the API, with its body buffered so it can be replayed on another
/// sidecar when the owner moved. Carries the headers the app needs verbatim (X-DaprRequestHeader for
/// remoting, content type) minus hop-by-hop and credential headers.
/// </summary>
public sealed record ActorCall(
    ActorKey Actor,
    string Method,
    HttpMethod Verb,
    IReadOnlyList<KeyValuePair<string, string[]>> Headers,
    byte[] Body,
    string? ReentrancyId)
{
    public static async Task<ActorCall> ReadAsync(HttpRequest request, ActorKey actor, string method, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var headers = request.Headers
            .Where(h => HttpHeaderCopy.IsForwarded(h.Key) && !h.Key.Equals(ActorInvoker.ReentrancyHeader, StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.Where(v => v is not null).Select(v => v!).ToArray()))
            .ToList();
        var reentrancy = request.Headers[ActorInvoker.ReentrancyHeader].ToString();
        return new ActorCall(actor, method, new HttpMethod(request.Method), headers, buffer.ToArray(), reentrancy.Length > 0 ? reentrancy : null);
    }

    /// <summary>The request to this sidecar's app; <paramref name="reentrancyId"/> is the id of the turn, if any.</summary>
    public HttpRequestMessage ToAppRequest(string? reentrancyId) =>
        Build(new Uri(ActorAppClient.MethodPath(Actor, Method), UriKind.Relative), reentrancyId);

    public HttpRequestMessage ToPeerRequest(Uri peerBase) =>
        Build(new Uri(peerBase, $"{Discovery.PeerAuthentication.PathPrefix.TrimStart('/')}/{ActorAppClient.MethodPath(Actor, Method)}"), ReentrancyId);

    private HttpRequestMessage Build(Uri uri, string? reentrancyId)
    {
        var message = new HttpRequestMessage(Verb, uri);
        if (Body.Length > 0 || Verb != HttpMethod.Get)
        {
            message.Content = new ByteArrayContent(Body);
        }
        foreach (var (name, values) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values);
            }
        }
        if (reentrancyId is not null)
        {
            message.Headers.TryAddWithoutValidation(ActorInvoker.ReentrancyHeader, reentrancyId);
        }
        return message;
    }
}
