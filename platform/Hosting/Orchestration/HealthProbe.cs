using System.Net.Sockets;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>Answers "is this resource healthy right now?".</summary>
public interface IHealthProbe
{
    Task<bool> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>Healthy when GET answers 2xx (the Aspire WithHttpHealthCheck contract).</summary>
internal sealed class HttpHealthProbe(HttpClient client, Uri url) : IHealthProbe
{
    public Uri Url { get; } = url;

    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

/// <summary>Healthy when the port accepts a TCP connection (servers without an HTTP endpoint).</summary>
internal sealed class TcpHealthProbe(int port) : IHealthProbe
{
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
