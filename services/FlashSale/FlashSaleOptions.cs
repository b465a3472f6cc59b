using AmazonScale.FlashSale.BotDefence;

namespace AmazonScale.FlashSale;

/// <summary>Settings from the "FlashSale" configuration section.</summary>
public sealed class FlashSaleOptions
{
    public const string Section = "FlashSale";

    /// <summary>Key required (header X-Admin-Key) to create and audit sales; none configured = those endpoints refuse all calls.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Base64 HMAC key (≥ 32 bytes) for queue, admission and reservation tokens; every instance needs the same one.</summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>How often a shard with active reservations looks for expired ones (release precision).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each instance refreshes its snapshot of a sale (stock and queue) and drives admission.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Queue tickets an instance leases at a time; positions are exact within a lease, ordered by lease across instances.</summary>
    public int TicketLeaseSize { get; set; } = 50;

    public BotDefenceOptions BotDefence { get; set; } = new();
}
