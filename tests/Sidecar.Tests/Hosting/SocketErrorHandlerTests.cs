using System.Net;
using System.Net.Sockets;
using AmazonScale.Sidecar.Hosting;
using AmazonScale.Sidecar.Invocation;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Hosting;

/// <summary>A peer or app dying mid-connect fails the call with the HttpRequestException the failover paths handle.</summary>
public sealed class SocketErrorHandlerTests
{
    [Fact]
    public async Task A_bare_socket_error_becomes_a_connection_error_carrying_it()
    {
        var reset = new SocketException((int)SocketError.NotConnected);
        using var http = new HttpClient(new SocketErrorHandler { InnerHandler = new Answering(_ => throw reset) });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("http://127.0.0.1:1/"));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Same(reset, error.InnerException);
    }

    [Fact]
    public async Task Answers_and_other_failures_pass_through_unchanged()
    {
        using var answering = new HttpClient(new SocketErrorHandler { InnerHandler = new Answering(_ => new HttpResponseMessage(HttpStatusCode.Accepted)) });
        using var failing = new HttpClient(new SocketErrorHandler { InnerHandler = new Answering(_ => throw new TaskCanceledException("timed out")) });

        using var answer = await answering.GetAsync("http://127.0.0.1:1/");

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await Assert.ThrowsAsync<TaskCanceledException>(() => failing.GetAsync("http://127.0.0.1:1/"));
    }

    [Theory]
    [InlineData(nameof(AppChannel.AppChannel))]
    [InlineData(InvocationForwarder.PeerClientName)]
    public async Task The_sidecars_clients_to_its_app_and_its_peers_use_it(string clientName)
    {
        using var resources = new ResourcesFolder();
        await using var sidecar = await SidecarUnderTest.StartAsync("socket-errors", resources);

        var handler = sidecar.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(clientName);

        Assert.Contains(Chain(handler), link => link is SocketErrorHandler);
    }

    private static IEnumerable<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        for (HttpMessageHandler? link = handler; link is not null; link = (link as DelegatingHandler)?.InnerHandler)
        {
            yield return link;
        }
    }

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
