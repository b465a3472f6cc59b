using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.BotDefence;

/// <summary>
/// Per-IP, per-customer and per-network join limits, shared across instances by the rate-limiter service (one Dapr
/// invocation of POST /api/v1/ratelimit/check whose descriptors match every join policy; the network's softer
/// threshold is a shadow policy, which reports without refusing). When the rate limiter fails or is slow, the local
/// per-instance limiter decides until <see cref="BotDefenceOptions.RateLimiterRetryInterval"/> has passed.
/// </summary>
public sealed partial class RateLimiterGate(RateLimiterClient rateLimiter, BotDefenceOptions options, BotDefenceStats stats, TimeProvider clock, ILogger<RateLimiterGate> logger)
{
    public const string PolicyIdPrefix = "flash-sale-join-";
    public const string NetworkThresholdPolicyId = PolicyIdPrefix + "network-threshold";
    private readonly LocalWindowLimiter _local = new(clock, options.Window);
    private long _remoteRetryAtTicks;

    public sealed record CheckBody(Dictionary<string, string> Descriptors, long Weight);

    public sealed record PolicyAnswer(string Policy, bool Allowed);

    public sealed record CheckAnswer(bool Allowed, IReadOnlyList<PolicyAnswer>? Policies);

    public async Task<JoinVerdict> AllowJoinAsync(string ip, string network, string customerId, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref _remoteRetryAtTicks))
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.RateLimiterTimeout);
                using var response = await rateLimiter.Http.PostAsJsonAsync("/api/v1/ratelimit/check",
                    new CheckBody(new() { ["flash_sale"] = "join", ["ip"] = ip, ["network"] = network, ["customer"] = customerId }, 1), RateLimiterClient.Json, timeout.Token);
                response.EnsureSuccessStatusCode();
                var answer = await response.Content.ReadFromJsonAsync<CheckAnswer>(RateLimiterClient.Json, timeout.Token)
                    ?? throw new InvalidOperationException("the rate limiter answered without a verdict");
                return new JoinVerdict(answer.Allowed, answer.Policies?.Any(policy => policy.Policy == NetworkThresholdPolicyId && !policy.Allowed) ?? false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _remoteRetryAtTicks, (clock.GetUtcNow() + options.RateLimiterRetryInterval).UtcTicks);
                LogRateLimiterUnavailable(ex.GetType().Name);
            }
        }
        stats.LocalDecision();
        // Every limit counts this attempt, as the shared policies do.
        var ipAllowed = _local.TryAcquire($"ip:{ip}", options.PerIpLimit);
        var networkJoins = _local.Acquire($"network:{network}");
        var customerAllowed = _local.TryAcquire($"customer:{customerId}", options.PerCustomerLimit);
        return new JoinVerdict(ipAllowed && customerAllowed && networkJoins <= options.PerNetworkLimit, networkJoins > options.NetworkChallengeThreshold);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiter unreachable ({Error}); using the local limiter for a while")]
    private partial void LogRateLimiterUnavailable(string error);
}
