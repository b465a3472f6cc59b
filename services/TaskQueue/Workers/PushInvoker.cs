using Dapr.Client;

namespace AmazonScale.TaskQueue.Workers;

/// <summary>
/// Calls worker apps through the Dapr sidecar's service invocation (http://{appId}/{method} is rewritten by the
/// Dapr invoke handler to /v1.0/invoke/{appId}/method/{method}), so worker apps are found by app id, not address.
/// </summary>
public sealed class PushInvoker(IConfiguration configuration) : IDisposable
{
    private readonly HttpClient _client = CreateClient(configuration);

    /// <summary>No client timeout: a delivery ends with the task (its deadline or a cancellation seen in a heartbeat cancels the call).</summary>
    private static HttpClient CreateClient(IConfiguration configuration)
    {
        var client = DaprClient.CreateInvokeHttpClient(
            daprEndpoint: $"http://127.0.0.1:{configuration["DAPR_HTTP_PORT"] ?? "3500"}",
            daprApiToken: configuration["DAPR_API_TOKEN"] is { Length: > 0 } token ? token : null);
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    public Task<HttpResponseMessage> PostAsync(string appId, string method, HttpContent content, CancellationToken cancellationToken) =>
        _client.PostAsync(new Uri($"http://{appId}/{method.TrimStart('/')}"), content, cancellationToken);

    public void Dispose() => _client.Dispose();
}
