using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Actors;

public enum ShardOperation
{
    Reserve,

    /// <summary>The reservation, if it exists (a voided id reads as absent).</summary>
    Find,

    /// <summary>The reservation if it exists; otherwise the id is barred from ever being reserved here.</summary>
    Void,

    BeginCheckout,
    PaymentSucceeded,
    PaymentFailed,

    /// <summary>The reservation's follow-up event reached the broker: its outbox mark is cleared.</summary>
    FollowUpPublished,
}

/// <param name="PaymentMethod">What a checkout (<see cref="ShardOperation.BeginCheckout"/>) asks to pay with.</param>
public sealed record ShardCommand(ShardOperation Operation, string ReservationId, string CustomerId = "", string? PaymentMethod = null);

/// <summary>Commands from many customers applied in one actor turn and saved in one state transaction (group commit).</summary>
/// <param name="Units">The shard's share of the sale: opens the shard on its first reservation.</param>
/// <param name="Ttl">How long a reservation made by this batch holds its unit.</param>
public sealed record ShardBatch(int Units, TimeSpan Ttl, IReadOnlyList<ShardCommand> Commands);

/// <summary>One command's outcome: the field of its operation is set, and the reservation it concerns (if any).</summary>
public sealed record ShardResult(
    ShardReservation? Reservation,
    ReserveOutcome? Reserved = null,
    CheckoutOutcome? CheckedOut = null,
    PaymentOutcome? Paid = null);

/// <param name="Results">One per command, in order.</param>
/// <param name="Ledger">The shard's counters once the batch was applied (a shard not opened yet: all its units available).</param>
public sealed record ShardBatchReply(IReadOnlyList<ShardResult> Results, ShardLedger Ledger);

/// <summary>A shard's counters and every reservation it ever made, for invariant checks.</summary>
public sealed record ShardAudit(ShardLedger Ledger, IReadOnlyList<ShardReservation> Reservations);
