
namespace AmazonScale.FlashSale.BotDefence;

/// <summary>
/// Creates (or replaces) the join policies in the rate-limiter service when an admin key for it is configured,
/// retrying until it answers; without the key an operator creates them (see README). All match the descriptor
/// flash_sale=join and fail open, so a rate-limiter outage never blocks shoppers (the local limiter then applies).
/// The network threshold is a shadow policy: it reports a network over it without refusing (the join needs a challenge).
/// </summary>
public sealed partial class RateLimitPolicyProvisioner(RateLimiterClient rateLimiter, BotDefenceOptions options, ILogger<RateLimitPolicyProvisioner> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private sealed record PolicyBody(string Algorithm, long Limit, string Window, string FailureMode, string[] Key, Dictionary<string, string> Match, bool Shadow = false);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled || options.RateLimiterAdminKey is not { Length: > 0 } adminKey)
        {
            return;
        }
        var window = $"{(long)options.Window.TotalSeconds}s";
        var policies = new Dictionary<string, PolicyBody>
        {
            [$"{RateLimiterGate.PolicyIdPrefix}ip"] = new("fixed_window", options.PerIpLimit, window, "open", ["ip"], new() { ["flash_sale"] = "join" }),
            [$"{RateLimiterGate.PolicyIdPrefix}customer"] = new("fixed_window", options.PerCustomerLimit, window, "open", ["customer"], new() { ["flash_sale"] = "join" }),
            [$"{RateLimiterGate.PolicyIdPrefix}network"] = new("fixed_window", options.PerNetworkLimit, window, "open", ["network"], new() { ["flash_sale"] = "join" }),
            [RateLimiterGate.NetworkThresholdPolicyId] = new("fixed_window", options.NetworkChallengeThreshold, window, "open", ["network"], new() { ["flash_sale"] = "join" }, Shadow: true),
        };
        foreach (var (id, body) in policies)
        {
            while (!await TryPutAsync(id, body, adminKey, stoppingToken))
            {
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task<bool> TryPutAsync(string id, PolicyBody body, string adminKey, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/policies/{id}") { Content = JsonContent.Create(body, options: RateLimiterClient.Json) };
            request.Headers.Add("X-Admin-Key", adminKey);
            using var response = await rateLimiter.Http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode || Failed(id, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Failed(id, ex.GetType().Name);
        }
    }

    private bool Failed(string id, string reason)
    {
        LogProvisioningFailed(id, reason);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create rate-limiter policy {PolicyId} ({Reason}); retrying")]
    private partial void LogProvisioningFailed(string policyId, string reason);
}
