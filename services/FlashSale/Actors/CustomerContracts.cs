using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Actors;

/// <summary>A shard to try, with its share of the sale's units.</summary>
public sealed record ShardTarget(int Shard, int Units);

/// <param name="Shards">Every shard of the sale, in the order to try them (the customer's home shard first).</param>
public sealed record CustomerReserveCommand(string SaleId, string CustomerId, int PerCustomerLimit, TimeSpan Ttl, IReadOnlyList<ShardTarget> Shards);

public enum CustomerReserveOutcome { Reserved, AlreadyReserved, LimitReached, SoldOut }

public sealed record CustomerReserveReply(CustomerReserveOutcome Outcome, int? Shard, ShardReservation? Reservation);

/// <summary>A reservation a customer made, and where.</summary>
public sealed record HeldReservation(string Id, int Shard, ReservationStatus Status);

/// <param name="Pending">The id being reserved when a turn was cut short: it may exist in any shard, so it is looked for before anything else.</param>
public sealed record CustomerRecord(int Attempts, string? Pending, IReadOnlyList<HeldReservation> Held);
