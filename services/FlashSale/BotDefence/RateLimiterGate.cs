using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.BotDefence;

/// <summary>
/// Per-IP and per-customer join limits, shared across instances by the rate-limiter service (one Dapr invocation of
/// POST /api/v1/ratelimit/check whose descriptors match both policies). When the rate limiter fails or is slow, the
/// local per-instance limiter decides until <see cref="BotDefenceOptions.RateLimiterRetryInterval"/> has passed.
/// </summary>
public sealed partial class RateLimiterGate(RateLimiterClient rateLimiter, BotDefenceOptions options, BotDefenceStats stats, TimeProvider clock, ILogger<RateLimiterGate> logger)
{
    public const string PolicyIdPrefix = "flash-sale-join-";
    private readonly LocalWindowLimiter _local = new(clock, options.Window);
    private long _remoteRetryAtTicks;

    public sealed record CheckBody(Dictionary<string, string> Descriptors, long Weight);

    public sealed record CheckAnswer(bool Allowed);

    public async Task<bool> AllowJoinAsync(string ip, string customerId, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref _remoteRetryAtTicks))
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.RateLimiterTimeout);
                using var response = await rateLimiter.Http.PostAsJsonAsync("/api/v1/ratelimit/check",
                    new CheckBody(new() { ["flash_sale"] = "join", ["ip"] = ip, ["customer"] = customerId }, 1), RateLimiterClient.Json, timeout.Token);
                response.EnsureSuccessStatusCode();
                var answer = await response.Content.ReadFromJsonAsync<CheckAnswer>(RateLimiterClient.Json, timeout.Token);
                return answer?.Allowed ?? throw new InvalidOperationException("the rate limiter answered without a verdict");
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _remoteRetryAtTicks, (clock.GetUtcNow() + options.RateLimiterRetryInterval).UtcTicks);
                LogRateLimiterUnavailable(ex.GetType().Name);
            }
        }
        stats.LocalDecision();
        // Both limits count this attempt, as the shared policies do.
        var ipAllowed = _local.TryAcquire($"ip:{ip}", options.PerIpLimit);
        return _local.TryAcquire($"customer:{customerId}", options.PerCustomerLimit) && ipAllowed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiter unreachable ({Error}); using the local limiter for a while")]
    private partial void LogRateLimiterUnavailable(string error);
}
