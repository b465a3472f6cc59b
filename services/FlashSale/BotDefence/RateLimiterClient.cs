using System.Text.Json;

namespace AmazonScale.FlashSale.BotDefence;

/// <summary>HTTP to the rate-limiter service through Dapr service invocation (the sidecar routes by app id).</summary>
public sealed class RateLimiterClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public HttpClient Http { get; } = http;

    public static RateLimiterClient Create(IConfiguration configuration, BotDefenceOptions options) =>
        new(DaprInvocation.CreateClient(configuration, options.RateLimiterAppId));
}
