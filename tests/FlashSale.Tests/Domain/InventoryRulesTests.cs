using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class InventoryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddMinutes(5);
    private const string Method = "sandbox_ok";

    private static InventoryChange<ReserveOutcome> ReserveOne(ShardLedger ledger, string id = "1-alice") =>
        InventoryRules.Reserve(ledger, null, id, "alice", Expiry);

    [Fact]
    public void Reserving_moves_one_unit_from_available_to_reserved()
    {
        var change = ReserveOne(ShardLedger.Open(2));
        Assert.Equal(ReserveOutcome.Reserved, change.Outcome);
        Assert.Equal((1, 1, 0, 1), (change.Ledger.Available, change.Ledger.Reserved, change.Ledger.Sold, change.Ledger.Created));
        Assert.True(change.Ledger.IsConsistent);
    }

    [Fact]
    public void Reserving_the_same_id_again_changes_nothing_and_returns_the_first_reservation()
    {
        var first = ReserveOne(ShardLedger.Open(2));
        var again = InventoryRules.Reserve(first.Ledger, first.Reservation, "1-alice", "alice", Expiry.AddMinutes(1));
        Assert.Equal(ReserveOutcome.AlreadyHeld, again.Outcome);
        Assert.Same(first.Ledger, again.Ledger);
        Assert.Equal(first.Reservation, again.Reservation);
    }

    [Fact]
    public void An_empty_shard_is_sold_out_and_never_goes_negative()
    {
        var change = ReserveOne(ReserveOne(ShardLedger.Open(1), "1-bob").Ledger);
        Assert.Equal(ReserveOutcome.SoldOut, change.Outcome);
        Assert.Equal(0, change.Ledger.Available);
    }

    [Fact]
    public void Payment_success_in_time_sells_and_repeating_it_confirms_without_selling_twice()
    {
        var reserved = ReserveOne(ShardLedger.Open(3));
        var paying = InventoryRules.BeginCheckout(reserved.Ledger, reserved.Reservation, Method, Now);
        Assert.Equal(CheckoutOutcome.PaymentRequested, paying.Outcome);
        var sold = InventoryRules.CompletePayment(paying.Ledger, paying.Reservation, succeeded: true, Now.AddSeconds(1));
        var redelivered = InventoryRules.CompletePayment(sold.Ledger, sold.Reservation, succeeded: true, Now.AddSeconds(2));
        Assert.Equal((PaymentOutcome.Confirmed, PaymentOutcome.Confirmed), (sold.Outcome, redelivered.Outcome));
        Assert.Equal((2, 0, 1), (redelivered.Ledger.Available, redelivered.Ledger.Reserved, redelivered.Ledger.Sold));
        Assert.Equal(ReservationStatus.Sold, redelivered.Reservation!.Status);
    }

    [Fact]
    public void Payment_failure_releases_the_unit_once_even_when_redelivered()
    {
        var reserved = ReserveOne(ShardLedger.Open(1));
        var paying = InventoryRules.BeginCheckout(reserved.Ledger, reserved.Reservation, Method, Now);
        var failed = InventoryRules.CompletePayment(paying.Ledger, paying.Reservation, succeeded: false, Now);
        var again = InventoryRules.CompletePayment(failed.Ledger, failed.Reservation, succeeded: false, Now);
        Assert.Equal((PaymentOutcome.ReleasedAfterFailure, PaymentOutcome.AlreadyReleased), (failed.Outcome, again.Outcome));
        Assert.Equal((1, 0, 0, 1), (again.Ledger.Available, again.Ledger.Reserved, again.Ledger.Sold, again.Ledger.Released));
        Assert.Equal("payment_failed", again.Reservation!.ReleaseReason);
    }

    [Fact]
    public void Success_after_expiry_sells_nothing_and_asks_for_one_refund()
    {
        var reserved = ReserveOne(ShardLedger.Open(1));
        var paying = InventoryRules.BeginCheckout(reserved.Ledger, reserved.Reservation, Method, Now);
        var late = InventoryRules.CompletePayment(paying.Ledger, paying.Reservation, succeeded: true, Expiry);
        var again = InventoryRules.CompletePayment(late.Ledger, late.Reservation, succeeded: true, Expiry.AddSeconds(1));
        Assert.Equal((PaymentOutcome.RefundRequired, PaymentOutcome.RefundRequired), (late.Outcome, again.Outcome));
        Assert.Equal((1, 0, 0, 1, 1), (again.Ledger.Available, again.Ledger.Reserved, again.Ledger.Sold, again.Ledger.Released, again.Ledger.RefundsRequested));
        Assert.True(again.Reservation!.RefundRequested);
    }

    [Fact]
    public void A_checked_out_reservation_awaits_its_payment_answer_until_a_verdict_is_applied_even_after_expiry()
    {
        var reserved = ReserveOne(ShardLedger.Open(1));
        Assert.False(reserved.Reservation!.AwaitsPaymentAnswer);
        var paying = InventoryRules.BeginCheckout(reserved.Ledger, reserved.Reservation, Method, Now);
        Assert.Equal(Now, paying.Reservation!.PaymentRequestedAt);
        Assert.True(paying.Reservation.AwaitsPaymentAnswer);

        var (expiredLedger, expired) = InventoryRules.Expire(paying.Ledger, paying.Reservation, Expiry);
        Assert.True(expired.AwaitsPaymentAnswer);
        // Reconciliation finds nothing was charged: the unit is not released a second time, the question is closed.
        var voided = InventoryRules.CompletePayment(expiredLedger, expired, succeeded: false, Expiry.AddSeconds(5));
        Assert.Equal(PaymentOutcome.AlreadyReleased, voided.Outcome);
        Assert.False(voided.Reservation!.AwaitsPaymentAnswer);
        Assert.Equal((1, 0, 0, 1), (voided.Ledger.Available, voided.Ledger.Reserved, voided.Ledger.Sold, voided.Ledger.Released));
    }

    /// <summary>The outbox: checkout owes the payment request, with the method asked for; a retried checkout changes neither.</summary>
    [Fact]
    public void Checkout_owes_its_payment_request_and_a_retry_keeps_the_first_method()
    {
        var reserved = ReserveOne(ShardLedger.Open(1));
        var paying = InventoryRules.BeginCheckout(reserved.Ledger, reserved.Reservation, "sandbox_declined", Now);
        Assert.True(paying.Reservation!.FollowUpDue);
        Assert.Equal((OwedEvent.PaymentRequested, "sandbox_declined"), (InventoryRules.FollowUpOf(paying.Reservation), paying.Reservation.PaymentMethod));

        var retried = InventoryRules.BeginCheckout(paying.Ledger, paying.Reservation, Method, Now.AddSeconds(1));
        Assert.Equal(CheckoutOutcome.AlreadyPaying, retried.Outcome);
        Assert.Equal(paying.Reservation, retried.Reservation);
    }

    /// <summary>A request still owed at expiry is never sent: the unit is back on sale; reconciliation closes the payment.</summary>
    [Fact]
    public void Expiry_drops_a_payment_request_still_owed_but_keeps_asking_for_its_answer()
    {
        var reserved = ReserveOne(ShardLedger.Open(1));
        var paying = InventoryRules.BeginCheckout(reserved.Ledger, reserved.Reservation, Method, Now);
        var (_, expired) = InventoryRules.Expire(paying.Ledger, paying.Reservation!, Expiry);
        Assert.Equal((ReservationStatus.Released, false, true), (expired.Status, expired.FollowUpDue, expired.AwaitsPaymentAnswer));
    }

    /// <summary>The outbox: a verdict that changes the reservation owes one event of its kind instead of the request; applying it again owes nothing new.</summary>
    [Theory]
    [InlineData(true, 0, OwedEvent.OrderConfirmed)]
    [InlineData(false, 0, OwedEvent.ReservationReleased)]
    [InlineData(true, 301, OwedEvent.RefundRequested)]
    public void A_verdict_that_changes_the_reservation_marks_its_follow_up_event_due_once(bool succeeded, int secondsLater, OwedEvent owed)
    {
        var reserved = ReserveOne(ShardLedger.Open(1));
        var paying = InventoryRules.BeginCheckout(reserved.Ledger, reserved.Reservation, Method, Now);
        var applied = InventoryRules.CompletePayment(paying.Ledger, paying.Reservation, succeeded, Now.AddSeconds(secondsLater));
        Assert.True(applied.Reservation!.FollowUpDue);
        Assert.Equal(owed, InventoryRules.FollowUpOf(applied.Reservation));

        var published = applied.Reservation with { FollowUpDue = false };
        var again = InventoryRules.CompletePayment(applied.Ledger, published, succeeded, Now.AddSeconds(secondsLater + 1));
        Assert.Equal(published, again.Reservation);
    }

    [Fact]
    public void A_payment_failure_after_expiry_owes_no_event()
    {
        var reserved = ReserveOne(ShardLedger.Open(1));
        var paying = InventoryRules.BeginCheckout(reserved.Ledger, reserved.Reservation, Method, Now);
        var closed = InventoryRules.CompletePayment(paying.Ledger, paying.Reservation, succeeded: false, Expiry);
        Assert.Equal(PaymentOutcome.AlreadyReleased, closed.Outcome);
        Assert.False(closed.Reservation!.FollowUpDue);
    }

    [Fact]
    public void Expiry_releases_exactly_once_and_only_when_due()
    {
        var reserved = ReserveOne(ShardLedger.Open(1));
        var early = InventoryRules.Expire(reserved.Ledger, reserved.Reservation!, Expiry.AddTicks(-1));
        Assert.Same(reserved.Reservation, early.Reservation);
        var due = InventoryRules.Expire(reserved.Ledger, reserved.Reservation!, Expiry);
        var twice = InventoryRules.Expire(due.Ledger, due.Reservation, Expiry.AddSeconds(5));
        Assert.Equal(ReservationStatus.Released, twice.Reservation.Status);
        Assert.Equal((1, 0, 1), (twice.Ledger.Available, twice.Ledger.Reserved, twice.Ledger.Released));
        Assert.True(twice.Ledger.IsConsistent);
    }

    [Fact]
    public void Checkout_of_an_expired_reservation_releases_it_instead_of_charging()
    {
        var reserved = ReserveOne(ShardLedger.Open(1));
        var change = InventoryRules.BeginCheckout(reserved.Ledger, reserved.Reservation, Method, Expiry.AddSeconds(1));
        Assert.Equal(CheckoutOutcome.Released, change.Outcome);
        Assert.Equal(1, change.Ledger.Available);
        Assert.Equal(CheckoutOutcome.Unknown, InventoryRules.BeginCheckout(change.Ledger, null, Method, Now).Outcome);
    }

    [Fact]
    public void A_random_walk_of_operations_keeps_the_ledger_consistent()
    {
        var random = new Random(7);
        var ledger = ShardLedger.Open(20);
        var reservations = new Dictionary<string, ShardReservation>();
        var now = Now;
        for (var step = 0; step < 5_000; step++)
        {
            now = now.AddSeconds(random.Next(0, 20));
            var id = $"{random.Next(0, 60)}-c";
            reservations.TryGetValue(id, out var existing);
            (ledger, var reservation) = random.Next(4) switch
            {
                0 => Pair(InventoryRules.Reserve(ledger, existing, id, "c", now.AddSeconds(60))),
                1 => Pair(InventoryRules.BeginCheckout(ledger, existing, Method, now)),
                2 => Pair(InventoryRules.CompletePayment(ledger, existing, random.Next(2) == 0, now)),
                _ => existing is null ? (ledger, null) : InventoryRules.Expire(ledger, existing, now),
            };
            if (reservation is not null)
            {
                reservations[id] = reservation;
            }
            Assert.True(ledger.IsConsistent, $"step {step}: {ledger}");
            Assert.Equal(reservations.Values.Count(r => r.IsActive), ledger.Reserved);
            Assert.Equal(reservations.Values.Count(r => r.Status == ReservationStatus.Sold), ledger.Sold);
        }
    }

    private static (ShardLedger, ShardReservation?) Pair<T>(InventoryChange<T> change) where T : struct, Enum => (change.Ledger, change.Reservation);
}
