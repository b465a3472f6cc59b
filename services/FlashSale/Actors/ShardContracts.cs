using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Actors;

/// <param name="Units">The shard's share of the sale: opens the shard on its first reservation.</param>
public sealed record ReserveCommand(string ReservationId, string CustomerId, int Units, TimeSpan Ttl);

public sealed record ReserveReply(ReserveOutcome Outcome, ShardReservation? Reservation);

public sealed record CheckoutReply(CheckoutOutcome Outcome, ShardReservation? Reservation);

public sealed record PaymentResultCommand(string ReservationId, bool Succeeded);

public sealed record PaymentReply(PaymentOutcome Outcome, ShardReservation? Reservation);

/// <summary>A shard's counters and every reservation it ever made, for invariant checks.</summary>
public sealed record ShardAudit(ShardLedger Ledger, IReadOnlyList<ShardReservation> Reservations);
