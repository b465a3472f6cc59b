using System.Text.Json;
using Dapr.Client;

namespace AmazonScale.FlashSale.BotDefence;

/// <summary>HTTP to the rate-limiter service through Dapr service invocation (the sidecar routes by app id).</summary>
public sealed class RateLimiterClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public HttpClient Http { get; } = http;

    public static RateLimiterClient Create(IConfiguration configuration, BotDefenceOptions options) =>
        new(DaprClient.CreateInvokeHttpClient(
            options.RateLimiterAppId,
            configuration["DAPR_HTTP_PORT"] is { Length: > 0 } port ? $"http://127.0.0.1:{port}" : null,
            configuration["DAPR_API_TOKEN"] is { Length: > 0 } token ? token : null));
}
