namespace AmazonScale.FlashSale.Domain;

/// <summary>One unit held by one customer in one inventory shard.</summary>
/// <param name="Id">Unique within the sale's shards: "{attempt}-{customerId}", chosen by the customer before any shard is asked.</param>
/// <param name="ReleaseReason">Why a released reservation gave its unit back: "expired" or "payment_failed".</param>
/// <param name="RefundRequested">A payment succeeded after the reservation was released: the money must go back.</param>
/// <param name="PaymentRequestedAt">When checkout asked for the payment (null: never checked out).</param>
/// <param name="PaymentAnswered">The provider's verdict was applied (by its event or by reconciliation).</param>
/// <param name="FollowUpDue">
/// The outbox: the event this reservation's state owes (<see cref="InventoryRules.FollowUpOf"/>: the payment request of
/// a checkout; order confirmed, reservation released or refund requested after a verdict) is not known to have reached
/// the broker yet. Set in the same state transaction as the change that owes it. A follow-up's mark is cleared once a
/// publish succeeded; a request's mark stays until a verdict answers it or expiry makes it moot (checkout's own send is
/// not reported back, so the sweep sends a request still unanswered once more). The sweep publishes whatever is marked.
/// </param>
/// <param name="PaymentMethod">The method checkout asked to pay with, so the request can be sent again exactly as asked.</param>
public sealed record ShardReservation(
    string Id,
    string CustomerId,
    DateTimeOffset ExpiresAt,
    ReservationStatus Status,
    string? ReleaseReason = null,
    bool RefundRequested = false,
    DateTimeOffset? PaymentRequestedAt = null,
    bool PaymentAnswered = false,
    bool FollowUpDue = false,
    string? PaymentMethod = null)
{
    /// <summary>Not a reservation: the marker of an id barred from being reserved (see <see cref="InventoryRules.Voided"/>).</summary>
    public bool IsVoid => ReleaseReason == InventoryRules.VoidedReason;

    public bool IsActive => Status is ReservationStatus.Reserved or ReservationStatus.Paying;

    /// <summary>A payment was requested and its verdict never applied: reconciliation must ask the provider, even after expiry.</summary>
    public bool AwaitsPaymentAnswer => PaymentRequestedAt is not null && !PaymentAnswered;
}
