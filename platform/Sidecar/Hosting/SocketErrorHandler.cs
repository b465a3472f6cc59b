using System.Net.Sockets;

namespace AmazonScale.Sidecar.Hosting;

/// <summary>
/// Gives callers the HttpRequestException they handle when a peer dies. SocketsHttpHandler lets one SocketException
/// out unwrapped: a connection reset between connect and reading its remote address (a process killed with -9 while
/// its listen backlog still accepted) throws "Transport endpoint is not connected" from Socket.RemoteEndPoint. Every
/// failover and retry path catches HttpRequestException, so that one would turn a dead peer into a crashed call.
/// </summary>
public sealed class SocketErrorHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, ex.Message, ex);
        }
    }
}
