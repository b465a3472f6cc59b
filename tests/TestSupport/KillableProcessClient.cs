using AmazonScale.Sidecar.Hosting;

namespace AmazonScale.TestSupport;

/// <summary>
/// HttpClients for processes that crash tests kill: a call that reaches a dying process fails with HttpRequestException,
/// the exception the tests' retry loops wait through, never with the bare SocketException SocketsHttpHandler can let out.
/// </summary>
public static class KillableProcessClient
{
    public static HttpClient Create(Uri baseAddress) =>
        new(new SocketErrorHandler { InnerHandler = new SocketsHttpHandler { UseProxy = false } }) { BaseAddress = baseAddress };
}
