using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Reservations;

/// <summary>A reservation a customer made, and where.</summary>
public sealed record HeldReservation(string Id, int Shard, ReservationStatus Status);

/// <summary>What one customer did in one sale ("customer:{sale}:{customer}"), replaced only through its ETag.</summary>
/// <param name="Attempts">Reservation ids are "{attempt}-{customer}": each attempt gets a fresh one.</param>
/// <param name="Pending">
/// The id of the latest attempt, written before any shard is asked: it may exist in any shard (or be in flight), so it
/// is looked for, and voided where absent, before anything else.
/// </param>
public sealed record CustomerRecord(int Attempts, string? Pending, IReadOnlyList<HeldReservation> Held)
{
    public static CustomerRecord FirstAttempt(string customerId) => new(1, ReservationIdOf(1, customerId), []);

    public CustomerRecord NextAttempt(string customerId) => this with { Attempts = Attempts + 1, Pending = ReservationIdOf(Attempts + 1, customerId) };

    /// <summary>Reservations that count against the per-customer limit (held, paying or sold).</summary>
    public int Counted => Held.Count(held => held.Status is not ReservationStatus.Released);

    private static string ReservationIdOf(int attempt, string customerId) => $"{attempt}-{customerId}";
}

public enum CustomerReserveOutcome { Reserved, AlreadyReserved, LimitReached, SoldOut }

public sealed record CustomerReserveReply(CustomerReserveOutcome Outcome, int? Shard, ShardReservation? Reservation);
