using System.Net.Sockets;
using AmazonScale.Sidecar.Discovery;
using AmazonScale.Sidecar.Hosting;

namespace AmazonScale.Sidecar.Invocation;

/// <summary>
/// Routes an invocation to its target: this sidecar's own app, or the sidecar of another app id found in
/// the local registry (which then hands it to its app). Instances of one app id are used round-robin; a
/// dead instance is skipped and the call retried on the next one when the request has no body to replay.
/// </summary>
public sealed class InvocationForwarder(
    SidecarOptions options,
    LocalRegistry registry,
    PeerAuthentication peers,
    AppChannel.AppChannel appChannel,
    IHttpClientFactory clients)
{
    public const string PeerClientName = "sidecar-peers";
    public const string CallerAppIdHeader = "dapr-caller-app-id";
    public const string CalleeAppIdHeader = "dapr-callee-app-id";
    private const int MaxPeerAttempts = 3;
    private int _roundRobin;

    /// <summary>
    /// Sends <paramref name="request"/> (whose URI is the app-relative "method?query") to <paramref name="appId"/>.
    /// <paramref name="replayable"/> says whether the request can be sent again to another instance.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(string appId, HttpRequestMessage request, string callerAppId, bool replayable, CancellationToken cancellationToken)
    {
        request.Headers.Remove(CallerAppIdHeader);
        request.Headers.Remove(CalleeAppIdHeader);
        request.Headers.TryAddWithoutValidation(CallerAppIdHeader, callerAppId);
        request.Headers.TryAddWithoutValidation(CalleeAppIdHeader, appId);

        if (string.Equals(appId, options.AppId, StringComparison.Ordinal))
        {
            return await SendToOwnAppAsync(request, cancellationToken);
        }

        var relative = request.RequestUri!.OriginalString.TrimStart('/');
        for (var attempt = 1; ; attempt++)
        {
            var instance = PickInstance(appId) ?? throw InvocationErrors.AppNotFound(appId).ToException();
            var peerRequest = attempt == 1 ? request : await CloneAsync(request);
            peerRequest.RequestUri = new Uri($"http://127.0.0.1:{instance.HttpPort}{PeerAuthentication.PathPrefix}/invoke/{relative}");
            peerRequest.Headers.Remove(PeerAuthentication.HeaderName);
            peerRequest.Headers.TryAddWithoutValidation(PeerAuthentication.HeaderName, peers.Key);
            try
            {
                return await clients.CreateClient(PeerClientName).SendAsync(peerRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException)
            {
                registry.Invalidate();
                if (!replayable || attempt >= MaxPeerAttempts)
                {
                    throw InvocationErrors.Unreachable(appId, ex.Message).ToException();
                }
            }
        }
    }

    /// <summary>Hands a request to this sidecar's own app; used directly and for calls arriving from peers.</summary>
    public async Task<HttpResponseMessage> SendToOwnAppAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!appChannel.IsConfigured)
        {
            throw InvocationErrors.NoAppChannel(options.AppId).ToException();
        }
        try
        {
            return await appChannel.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw InvocationErrors.Unreachable(options.AppId, ex.Message).ToException();
        }
    }

    private SidecarInstance? PickInstance(string appId)
    {
        var instances = registry.ReadyInstancesOf(appId);
        if (instances.Count == 0)
        {
            return null;
        }
        var index = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)instances.Count);
        return instances[index];
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage original)
    {
        var clone = new HttpRequestMessage(original.Method, original.RequestUri);
        foreach (var (name, values) in original.Headers)
        {
            clone.Headers.TryAddWithoutValidation(name, values);
        }
        if (original.Content is not null)
        {
            clone.Content = new ByteArrayContent(await original.Content.ReadAsByteArrayAsync());
            foreach (var (name, values) in original.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }
        return clone;
    }
}
