using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter;

/// <summary>Settings from the "RateLimiter" configuration section.</summary>
public sealed class RateLimiterOptions
{
    public const string Section = "RateLimiter";

    /// <summary>Key required (header X-Admin-Key) by the policy administration endpoints; none configured = they refuse all calls.</summary>
    public string? AdminKey { get; set; }

    public string InstanceId { get; set; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    public TimeSpan DecisionEventInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Safety net behind the change events: how often the whole policy set is re-read from the state store.</summary>
    public TimeSpan PolicyResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CounterIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public LeaseOptions Leases { get; set; } = new();
}
