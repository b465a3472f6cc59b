namespace AmazonScale.FlashSale.BotDefence;

/// <summary>Settings from "FlashSale:BotDefence".</summary>
public sealed class BotDefenceOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Dapr app id of the rate limiter service that holds the shared per-IP and per-customer limits.</summary>
    public string RateLimiterAppId { get; set; } = "rate-limiter";

    /// <summary>When set, the policies below are created in the rate limiter at start-up (its X-Admin-Key).</summary>
    public string? RateLimiterAdminKey { get; set; }

    /// <summary>Queue joins allowed per client IP per window.</summary>
    public int PerIpLimit { get; set; } = 20;

    /// <summary>Queue joins allowed per customer id per window.</summary>
    public int PerCustomerLimit { get; set; } = 5;

    /// <summary>Queue joins allowed per client network (IPv4 /24, IPv6 /48) per window: a farm's ceiling.</summary>
    public int PerNetworkLimit { get; set; } = 100;

    /// <summary>
    /// Joins per client network per window above which every join from that network must carry a solved proof-of-work
    /// challenge (for <see cref="FlagDuration"/>): bots spread over many IPs of one network pay for each join.
    /// </summary>
    public int NetworkChallengeThreshold { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Waiting longer than this for the rate limiter counts as it being down: the local limiter decides.</summary>
    public TimeSpan RateLimiterTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After a failure the rate limiter is not asked again for this long.</summary>
    public TimeSpan RateLimiterRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Leading zero bits a proof-of-work solution needs (about 2^bits hashes for the client).</summary>
    public int ChallengeDifficultyBits { get; set; } = 16;

    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a client that hit a limit must solve a challenge to join.</summary>
    public TimeSpan FlagDuration { get; set; } = TimeSpan.FromMinutes(5);
}
