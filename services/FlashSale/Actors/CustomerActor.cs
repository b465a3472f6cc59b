using AmazonScale.FlashSale.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Actors.Runtime;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// Reserves for one customer: counts what they hold (refreshing active reservations from their shards, since
/// those may have expired), then tries the shards in the given order with a reservation id fixed before the first
/// call. The id is saved as pending before any shard is asked (on the success path the turn's only state write) and
/// resolved on the next call: found in a shard, or voided in every shard so that a call still in flight from a turn
/// cut short cannot land later. Neither a retry nor a crash mid-turn can make a second reservation.
/// Shard actors never call back, so this nesting cannot deadlock.
/// </summary>
public sealed class CustomerActor(ActorHost host, TimeProvider clock) : Actor(host), ICustomerActor
{
    private const string RecordKey = "customer";

    public async Task<CustomerReserveReply> Reserve(CustomerReserveCommand command)
    {
        var record = (await StateManager.TryGetStateAsync<CustomerRecord>(RecordKey)) is { HasValue: true } stored ? stored.Value : new CustomerRecord(0, null, []);
        if (record.Pending is { } pending)
        {
            record = await AdoptPendingAsync(command, record, pending);
        }
        var (held, active) = await RefreshAsync(command.SaleId, record.Held);
        record = record with { Held = held };
        if (held.Count(h => h.Status is not ReservationStatus.Released) >= command.PerCustomerLimit)
        {
            await StateManager.SetStateAsync(RecordKey, record);
            return active.Count > 0
                ? new CustomerReserveReply(CustomerReserveOutcome.AlreadyReserved, active[0].Shard, active[0].Reservation)
                : new CustomerReserveReply(CustomerReserveOutcome.LimitReached, null, null);
        }

        var id = $"{record.Attempts + 1}-{command.CustomerId}";
        await StateManager.SetStateAsync(RecordKey, record with { Attempts = record.Attempts + 1, Pending = id });
        await StateManager.SaveStateAsync();
        foreach (var target in command.Shards)
        {
            var reply = await Shard(command.SaleId, target.Shard).InvokeMethodAsync<ReserveCommand, ReserveReply>(
                nameof(IInventoryShardActor.Reserve), new ReserveCommand(id, command.CustomerId, target.Units, command.Ttl));
            if (reply.Outcome != ReserveOutcome.SoldOut)
            {
                // The id stays pending: the next call resolves it with one lookup, which saves a state write on this hot path.
                return new CustomerReserveReply(CustomerReserveOutcome.Reserved, target.Shard, reply.Reservation);
            }
        }
        // Every shard answered: nothing is in flight, the id can be dropped.
        await StateManager.SetStateAsync(RecordKey, record with { Attempts = record.Attempts + 1 });
        return new CustomerReserveReply(CustomerReserveOutcome.SoldOut, null, null);
    }

    /// <summary>
    /// Finds where a pending id was reserved. If nowhere, a turn was cut short and its last shard call may still be in
    /// flight, so every shard is told to void the id (a late reserve of it then fails) — unless it landed meanwhile.
    /// </summary>
    private async Task<CustomerRecord> AdoptPendingAsync(CustomerReserveCommand command, CustomerRecord record, string pending)
    {
        foreach (var method in new[] { nameof(IInventoryShardActor.Find), nameof(IInventoryShardActor.Void) })
        {
            foreach (var target in command.Shards)
            {
                if (await Shard(command.SaleId, target.Shard).InvokeMethodAsync<string, ShardReservation?>(method, pending) is { } found)
                {
                    return record with { Pending = null, Held = [.. record.Held, new HeldReservation(pending, target.Shard, found.Status)] };
                }
            }
        }
        return record with { Pending = null };
    }

    /// <summary>Current statuses of the customer's reservations; the active ones come back with their details.</summary>
    private async Task<(List<HeldReservation> Held, List<(int Shard, ShardReservation Reservation)> Active)> RefreshAsync(string saleId, IReadOnlyList<HeldReservation> held)
    {
        var refreshed = new List<HeldReservation>();
        var active = new List<(int, ShardReservation)>();
        foreach (var reservation in held)
        {
            if (reservation.Status is ReservationStatus.Sold or ReservationStatus.Released)
            {
                refreshed.Add(reservation);
                continue;
            }
            var current = await FindAsync(saleId, reservation.Shard, reservation.Id);
            var status = current?.IsActive == true && current.ExpiresAt <= clock.GetUtcNow() ? ReservationStatus.Released : current?.Status ?? ReservationStatus.Released;
            refreshed.Add(reservation with { Status = status });
            if (current is not null && status is ReservationStatus.Reserved or ReservationStatus.Paying)
            {
                active.Add((reservation.Shard, current));
            }
        }
        return (refreshed, active);
    }

    private Task<ShardReservation?> FindAsync(string saleId, int shard, string id) =>
        Shard(saleId, shard).InvokeMethodAsync<string, ShardReservation?>(nameof(IInventoryShardActor.Find), id);

    private ActorProxy Shard(string saleId, int shard) =>
        ProxyFactory.Create(new ActorId(ShardActorId.For(saleId, shard)), nameof(InventoryShardActor));
}
