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

    /// <summary>Most commands one inventory-shard turn applies (group commit: one actor call and one state transaction for all).</summary>
    public int ShardBatchSize { get; set; } = 64;

    /// <summary>Queue tickets an instance leases at a time; positions are exact within a lease, ordered by lease across instances.</summary>
    public int TicketLeaseSize { get; set; } = 50;

    /// <summary>Dapr app id of the payment provider (the payments sandbox) that reconciliation asks for verdicts.</summary>
    public string PaymentsAppId { get; set; } = "payments";

    /// <summary>
    /// A payment whose verdict has not arrived this long after its request went out is reconciled: the provider is asked directly
    /// (its answer may have been lost with a sidecar), and asked again this much later while it has no verdict.
    /// </summary>
    public TimeSpan PaymentReconcileAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An event a reservation owes (outbox entry) is published by the shard's sweep this long after it became owed if it
    /// is still owed then, and again this much later while the broker refuses it: a checkout's payment request that has
    /// no verdict yet (sent again; the provider deduplicates), a verdict's follow-up event not confirmed published.
    /// </summary>
    public TimeSpan FollowUpRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Waiting longer than this for the provider's verdict counts as it being unreachable (asked again later).</summary>
    public TimeSpan PaymentsTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public BotDefenceOptions BotDefence { get; set; } = new();
}
