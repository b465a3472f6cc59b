using Dapr.Client;

namespace AmazonScale.FlashSale;

/// <summary>HTTP clients that reach another app through the sidecar's service invocation (routed by app id).</summary>
public static class DaprInvocation
{
    public static HttpClient CreateClient(IConfiguration configuration, string appId) =>
        DaprClient.CreateInvokeHttpClient(
            appId,
            configuration["DAPR_HTTP_PORT"] is { Length: > 0 } port ? $"http://127.0.0.1:{port}" : null,
            configuration["DAPR_API_TOKEN"] is { Length: > 0 } token ? token : null);
}
