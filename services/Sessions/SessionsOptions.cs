using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions;

/// <summary>Settings from the "Sessions" configuration section.</summary>
public sealed class SessionsOptions
{
    public const string Section = "Sessions";

    /// <summary>
    /// Key (header X-Admin-Key) of trusted backends and operators: opening sessions, the debug view, any user's
    /// sessions. None configured = those calls are refused.
    /// </summary>
    public string? AdminKey { get; set; }

    public SessionLifetimes Lifetimes { get; set; } = new();

    /// <summary>Opening one more session than this evicts the user's oldest.</summary>
    public int MaxSessionsPerUser { get; set; } = 10;

    /// <summary>Sessions whose snapshots one instance keeps in memory for validation.</summary>
    public int CacheEntries { get; set; } = 500_000;

    /// <summary>Safety net behind the change events: a cached snapshot is re-read from its actor at least this often.</summary>
    public TimeSpan CacheRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often validations seen here are reported to the session actors (moving their idle deadlines).</summary>
    public TimeSpan ActivityFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Security events waiting to be published; beyond this they are dropped (and counted) rather than slowing requests.</summary>
    public int EventQueueCapacity { get; set; } = 10_000;

    /// <summary>An actor untouched this long is deactivated (its state stays in the store).</summary>
    public TimeSpan ActorIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
