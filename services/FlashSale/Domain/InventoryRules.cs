namespace AmazonScale.FlashSale.Domain;

/// <summary>What a transition did; the caller persists <see cref="Ledger"/> and <see cref="Reservation"/> together.</summary>
public sealed record InventoryChange<TOutcome>(TOutcome Outcome, ShardLedger Ledger, ShardReservation? Reservation) where TOutcome : struct, Enum;

public enum ReserveOutcome { Reserved, AlreadyHeld, SoldOut }

public enum CheckoutOutcome { PaymentRequested, AlreadyPaying, AlreadySold, Released, Unknown }

public enum PaymentOutcome { Confirmed, ReleasedAfterFailure, RefundRequired, AlreadyReleased, Unknown }

/// <summary>The event a reservation marked <see cref="ShardReservation.FollowUpDue"/> owes, by its state.</summary>
public enum OwedEvent { PaymentRequested, OrderConfirmed, ReservationReleased, RefundRequested }

/// <summary>
/// The state machine of a shard's units (plain functions so every edge is unit-tested). Reservation ids make each
/// transition idempotent: repeating a call returns the outcome it had the first time and changes nothing, which is
/// what makes redelivered events and retried requests safe.
/// </summary>
public static class InventoryRules
{
    public const string VoidedReason = "voided";

    /// <summary>A voided id was never reserved and can never be: reserving it is refused as if sold out.</summary>
    public static InventoryChange<ReserveOutcome> Reserve(ShardLedger ledger, ShardReservation? existing, string id, string customerId, DateTimeOffset expiresAt)
    {
        if (existing is not null)
        {
            return new(existing.IsVoid ? ReserveOutcome.SoldOut : ReserveOutcome.AlreadyHeld, ledger, existing.IsVoid ? null : existing);
        }
        if (ledger.Available == 0)
        {
            return new(ReserveOutcome.SoldOut, ledger, null);
        }
        var reservation = new ShardReservation(id, customerId, expiresAt, ReservationStatus.Reserved);
        return new(ReserveOutcome.Reserved, ledger with { Available = ledger.Available - 1, Reserved = ledger.Reserved + 1, Created = ledger.Created + 1 }, reservation);
    }

    /// <summary>
    /// The marker that bars an id nobody reserved in this shard from ever being reserved here: stored under the
    /// reservation's own key, so one read answers both "does it exist" and "was it voided". It holds no unit and is
    /// never filed for the sweep or counted in the ledger.
    /// </summary>
    public static ShardReservation Voided(string id, string customerId) =>
        new(id, customerId, DateTimeOffset.MinValue, ReservationStatus.Released, VoidedReason);

    /// <summary>
    /// Starts payment unless the reservation is over; a reservation found past its expiry is released now. The payment
    /// request is owed from here on (outbox mark): the caller sends it after this change is stored, and if that send is
    /// lost the sweep sends it again, with the method asked for first.
    /// </summary>
    public static InventoryChange<CheckoutOutcome> BeginCheckout(ShardLedger ledger, ShardReservation? reservation, string paymentMethod, DateTimeOffset now)
    {
        if (reservation is null)
        {
            return new(CheckoutOutcome.Unknown, ledger, null);
        }
        var (expiredLedger, expired) = Expire(ledger, reservation, now);
        return expired.Status switch
        {
            ReservationStatus.Reserved => new(CheckoutOutcome.PaymentRequested, ledger,
                reservation with { Status = ReservationStatus.Paying, PaymentRequestedAt = now, PaymentMethod = paymentMethod, FollowUpDue = true }),
            ReservationStatus.Paying => new(CheckoutOutcome.AlreadyPaying, ledger, reservation),
            ReservationStatus.Sold => new(CheckoutOutcome.AlreadySold, ledger, reservation),
            _ => new(CheckoutOutcome.Released, expiredLedger, expired),
        };
    }

    /// <summary>
    /// Applies the payment provider's answer. Success in time sells the unit; failure releases it (compensation);
    /// success after the reservation was released (expired) sells nothing and asks for a refund instead. A change that
    /// calls for an event marks the reservation <see cref="ShardReservation.FollowUpDue"/> (its outbox entry); the payment
    /// request's mark ends here either way, since an answer proves the request arrived.
    /// </summary>
    public static InventoryChange<PaymentOutcome> CompletePayment(ShardLedger ledger, ShardReservation? reservation, bool succeeded, DateTimeOffset now)
    {
        if (reservation is null)
        {
            return new(PaymentOutcome.Unknown, ledger, null);
        }
        var change = ApplyVerdict(ledger, reservation, succeeded, now);
        return change.Reservation != reservation && change.Outcome is PaymentOutcome.Confirmed or PaymentOutcome.ReleasedAfterFailure or PaymentOutcome.RefundRequired
            ? change with { Reservation = change.Reservation! with { FollowUpDue = true } }
            : change;
    }

    /// <summary>The event a reservation marked <see cref="ShardReservation.FollowUpDue"/> still owes.</summary>
    public static OwedEvent FollowUpOf(ShardReservation reservation) => reservation switch
    {
        { Status: ReservationStatus.Paying } => OwedEvent.PaymentRequested,
        { RefundRequested: true } => OwedEvent.RefundRequested,
        { Status: ReservationStatus.Sold } => OwedEvent.OrderConfirmed,
        _ => OwedEvent.ReservationReleased,
    };

    private static InventoryChange<PaymentOutcome> ApplyVerdict(ShardLedger ledger, ShardReservation reservation, bool succeeded, DateTimeOffset now)
    {
        var (current, expired) = Expire(ledger, reservation, now);
        var updated = expired with { PaymentAnswered = true };
        return (updated.Status, succeeded) switch
        {
            (ReservationStatus.Sold, _) => new(PaymentOutcome.Confirmed, current, updated),
            (ReservationStatus.Released, true) => new(PaymentOutcome.RefundRequired,
                updated.RefundRequested ? current : current with { RefundsRequested = current.RefundsRequested + 1 },
                updated with { RefundRequested = true }),
            (ReservationStatus.Released, false) => new(PaymentOutcome.AlreadyReleased, current, updated),
            (_, true) => new(PaymentOutcome.Confirmed,
                current with { Reserved = current.Reserved - 1, Sold = current.Sold + 1 },
                updated with { Status = ReservationStatus.Sold }),
            _ => new(PaymentOutcome.ReleasedAfterFailure, Release(current), updated with { Status = ReservationStatus.Released, ReleaseReason = "payment_failed" }),
        };
    }

    /// <summary>
    /// Releases an active reservation whose time is up; anything else is returned unchanged (so a release happens once).
    /// A payment request still owed is not sent any more: the unit is back on sale, and reconciliation voids the payment.
    /// </summary>
    public static (ShardLedger Ledger, ShardReservation Reservation) Expire(ShardLedger ledger, ShardReservation reservation, DateTimeOffset now) =>
        reservation.IsActive && now >= reservation.ExpiresAt
            ? (Release(ledger), reservation with { Status = ReservationStatus.Released, ReleaseReason = "expired", FollowUpDue = false })
            : (ledger, reservation);

    private static ShardLedger Release(ShardLedger ledger) =>
        ledger with { Available = ledger.Available + 1, Reserved = ledger.Reserved - 1, Released = ledger.Released + 1 };
}
