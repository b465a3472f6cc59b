using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Reservations;

/// <summary>
/// One customer, one decision, without an actor turn per customer: the customer's record is a state entry replaced
/// only through its ETag (a new customer's is created by a first write), so attempts are serialized across requests
/// and instances. The common case — a new customer — costs one state write before the shard's (batched) reserve.
/// Each attempt's reservation id is saved as pending before any shard is asked, and resolved by the next call: found
/// in a shard, or voided in every shard so that a reserve of it still in flight (from a request cut short, or running
/// concurrently) can never land later. Neither a retry, nor a concurrent duplicate, nor a crash mid-request can make a
/// customer hold more than the limit.
/// </summary>
public sealed class CustomerReservations(StateClaims state, SaleActors actors, TimeProvider clock)
{
    /// <summary>Lost ETag races in a row before giving up (each means another request of the same customer wrote first).</summary>
    private const int MaxLostRaces = 8;

    /// <param name="order">
    /// The shards that may have stock, in the order to try them (see <see cref="ShardStock.ShardOrder"/>); none means
    /// sold out, answered without a write. Earlier attempts are settled in every shard of the sale, whatever the order.
    /// </param>
    public async Task<CustomerReserveReply> ReserveAsync(SaleDefinition sale, string customerId, IReadOnlyList<int> order, CancellationToken cancellationToken)
    {
        if (order.Count == 0)
        {
            return new CustomerReserveReply(CustomerReserveOutcome.SoldOut, null, null);
        }
        var key = $"customer:{sale.Id}:{customerId}";
        var first = CustomerRecord.FirstAttempt(customerId);
        if (await state.TryCreateAsync(key, first, cancellationToken))
        {
            return await AttemptAsync(sale, customerId, order, first.Pending!, cancellationToken);
        }
        for (var race = 1; ; race++)
        {
            var (stored, etag) = await state.GetWithETagAsync<CustomerRecord>(key, cancellationToken);
            var record = stored ?? throw new InvalidOperationException($"customer record '{key}' exists but cannot be read");
            if (record.Pending is { } pending)
            {
                record = await SettlePendingAsync(sale, customerId, order, record, pending, cancellationToken);
            }
            var (held, active) = await RefreshAsync(sale, record.Held, cancellationToken);
            record = record with { Held = held };
            if (record.Counted >= sale.PerCustomerLimit)
            {
                // Keeps what was learnt; losing this race loses nothing (the next call learns it again).
                await state.TryReplaceAsync(key, record, etag, cancellationToken);
                return active is { } current
                    ? new CustomerReserveReply(CustomerReserveOutcome.AlreadyReserved, current.Shard, current.Reservation)
                    : new CustomerReserveReply(CustomerReserveOutcome.LimitReached, null, null);
            }
            var next = record.NextAttempt(customerId);
            if (await state.TryReplaceAsync(key, next, etag, cancellationToken))
            {
                return await AttemptAsync(sale, customerId, order, next.Pending!, cancellationToken);
            }
            if (race == MaxLostRaces)
            {
                throw new InvalidOperationException($"customer record '{key}' kept changing ({race} lost races)");
            }
        }
    }

    /// <summary>
    /// Tries the shards in order with the attempt's id. The id stays pending even on success: the next call resolves
    /// it with one lookup, which saves a state write on this hot path; after "sold out" everywhere it resolves to nothing.
    /// </summary>
    private async Task<CustomerReserveReply> AttemptAsync(SaleDefinition sale, string customerId, IReadOnlyList<int> order, string reservationId, CancellationToken cancellationToken)
    {
        foreach (var shard in order)
        {
            var (outcome, reservation) = await actors.ReserveAsync(sale, shard, reservationId, customerId, cancellationToken);
            if (outcome != ReserveOutcome.SoldOut)
            {
                return new CustomerReserveReply(CustomerReserveOutcome.Reserved, shard, reservation);
            }
        }
        return new CustomerReserveReply(CustomerReserveOutcome.SoldOut, null, null);
    }

    /// <summary>
    /// Finds where a pending id was reserved. If nowhere, its reserve may still be in flight, so every shard is told to
    /// void the id (a late reserve of it then fails) — unless it landed meanwhile, which the void reports.
    /// </summary>
    private async Task<CustomerRecord> SettlePendingAsync(SaleDefinition sale, string customerId, IReadOnlyList<int> order, CustomerRecord record, string pending, CancellationToken cancellationToken)
    {
        // The pending id may have landed in a shard that it emptied, so every shard is asked: the likely ones first.
        IReadOnlyList<int> everyShard = [.. order, .. Enumerable.Range(0, sale.Shards).Where(shard => !order.Contains(shard))];
        foreach (var settle in new Func<int, Task<ShardReservation?>>[]
        {
            shard => actors.FindAsync(sale, shard, pending, cancellationToken),
            shard => actors.VoidAsync(sale, shard, pending, customerId, cancellationToken),
        })
        {
            foreach (var shard in everyShard)
            {
                if (await settle(shard) is { } found)
                {
                    return record with { Pending = null, Held = [.. record.Held, new HeldReservation(pending, shard, found.Status)] };
                }
            }
        }
        return record with { Pending = null };
    }

    /// <summary>Current statuses of the customer's reservations, and the first one still active with its details.</summary>
    private async Task<(List<HeldReservation> Held, (int Shard, ShardReservation Reservation)? Active)> RefreshAsync(
        SaleDefinition sale, IReadOnlyList<HeldReservation> held, CancellationToken cancellationToken)
    {
        var refreshed = new List<HeldReservation>();
        (int, ShardReservation)? active = null;
        foreach (var reservation in held)
        {
            if (reservation.Status is ReservationStatus.Sold or ReservationStatus.Released)
            {
                refreshed.Add(reservation);
                continue;
            }
            var current = await actors.FindAsync(sale, reservation.Shard, reservation.Id, cancellationToken);
            var status = current?.IsActive == true && current.ExpiresAt <= clock.GetUtcNow() ? ReservationStatus.Released : current?.Status ?? ReservationStatus.Released;
            refreshed.Add(reservation with { Status = status });
            if (current is not null && status is ReservationStatus.Reserved or ReservationStatus.Paying)
            {
                active ??= (reservation.Shard, current);
            }
        }
        return (refreshed, active);
    }
}
