using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.BotDefence;

/// <summary>
/// Per-IP, per-customer and per-network join limits, shared across instances by the rate-limiter service (one Dapr
/// invocation of POST /api/v1/ratelimit/check whose descriptors match every join policy; the network's softer
/// threshold is a shadow policy, which reports without refusing). When the rate limiter fails or is slow, the local
/// per-instance limiter decides until <see cref="BotDefenceOptions.RateLimiterRetryInterval"/> has passed; then one join
/// probes the rate limiter again (the others keep deciding locally) until it answers. Entering and leaving the fallback
/// are logged once each (and entries counted as a metric), not once per join.
/// </summary>
public sealed partial class RateLimiterGate(
    RateLimiterClient rateLimiter, BotDefenceOptions options, BotDefenceStats stats, FlashSaleMetrics metrics, TimeProvider clock, ILogger<RateLimiterGate> logger)
{
    public const string PolicyIdPrefix = "flash-sale-join-";
    public const string NetworkThresholdPolicyId = PolicyIdPrefix + "network-threshold";
    private readonly LocalWindowLimiter _local = new(clock, options.Window);
    private readonly Lock _gate = new();
    private bool _fallingBack;
    private bool _probing;
    private DateTimeOffset _retryAt;

    public sealed record CheckBody(Dictionary<string, string> Descriptors, long Weight);

    public sealed record PolicyAnswer(string Policy, bool Allowed);

    public sealed record CheckAnswer(bool Allowed, IReadOnlyList<PolicyAnswer>? Policies);

    public async Task<JoinVerdict> AllowJoinAsync(string ip, string network, string customerId, CancellationToken cancellationToken)
    {
        if (TryStartRemote() is { } probe)
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
                RemoteAnswered();
                return new JoinVerdict(answer.Allowed, answer.Policies?.Any(policy => policy.Policy == NetworkThresholdPolicyId && !policy.Allowed) ?? false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                RemoteFailed(ex.GetType().Name);
            }
            catch
            {
                EndProbe(probe);
                throw;
            }
        }
        stats.LocalDecision();
        // Every limit counts this attempt, as the shared policies do.
        var ipAllowed = _local.TryAcquire($"ip:{ip}", options.PerIpLimit);
        var networkJoins = _local.Acquire($"network:{network}");
        var customerAllowed = _local.TryAcquire($"customer:{customerId}", options.PerCustomerLimit);
        return new JoinVerdict(ipAllowed && customerAllowed && networkJoins <= options.PerNetworkLimit, networkJoins > options.NetworkChallengeThreshold);
    }

    /// <summary>Null: decide locally. Otherwise ask the rate limiter; true when this call is the one probe after a fallback period.</summary>
    private bool? TryStartRemote()
    {
        lock (_gate)
        {
            if (!_fallingBack)
            {
                return false;
            }
            if (_probing || clock.GetUtcNow() < _retryAt)
            {
                return null;
            }
            _probing = true;
            return true;
        }
    }

    private void RemoteAnswered()
    {
        lock (_gate)
        {
            if (!_fallingBack)
            {
                return;
            }
            (_fallingBack, _probing) = (false, false);
        }
        LogRateLimiterBack();
    }

    private void RemoteFailed(string error)
    {
        lock (_gate)
        {
            _retryAt = clock.GetUtcNow() + options.RateLimiterRetryInterval;
            _probing = false;
            if (_fallingBack)
            {
                // Already deciding locally: a failed probe (or a call that was in flight) extends the period quietly.
                return;
            }
            _fallingBack = true;
        }
        metrics.RateLimiterFallback();
        LogRateLimiterUnavailable(error, options.RateLimiterRetryInterval);
    }

    private void EndProbe(bool probe)
    {
        if (probe)
        {
            lock (_gate)
            {
                _probing = false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiter unreachable ({Error}); the local limiter decides joins, asking again every {RetryInterval}")]
    private partial void LogRateLimiterUnavailable(string error, TimeSpan retryInterval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limiter reachable again; joins use the shared limits")]
    private partial void LogRateLimiterBack();
}
