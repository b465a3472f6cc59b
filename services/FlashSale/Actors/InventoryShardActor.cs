using System.Globalization;
using AmazonScale.FlashSale.Domain;
using Dapr.Actors.Runtime;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// Holds one shard's ledger ("ledger"), each reservation ("r:{id}") and, per second of expiry, the ids expiring then
/// ("expiring:{unix second}"). Keys are small so a turn writes only what it changed. While reservations are active a
/// periodic reminder sweeps the seconds that have passed and releases what expired; the release is a state
/// transition guarded by the reservation's status, so a unit comes back exactly once even when a sweep is retried
/// after a crash (reminders are durable in the actor state store).
/// </summary>
public sealed class InventoryShardActor(ActorHost host, TimeProvider clock, FlashSaleOptions options) : Actor(host), IInventoryShardActor, IRemindable
{
    public const string SweepReminder = "sweep";
    private const string LedgerKey = "ledger";
    private const string SweepKey = "sweep";

    public async Task<ReserveReply> Reserve(ReserveCommand command)
    {
        var ledger = (await StateManager.TryGetStateAsync<ShardLedger>(LedgerKey)) is { HasValue: true } stored ? stored.Value : ShardLedger.Open(command.Units);
        var existing = await FindReservationAsync(command.ReservationId);
        if (existing is null && await StateManager.ContainsStateAsync(VoidKey(command.ReservationId)))
        {
            return new ReserveReply(ReserveOutcome.SoldOut, null);
        }
        var change = InventoryRules.Reserve(ledger, existing, command.ReservationId, command.CustomerId, clock.GetUtcNow() + command.Ttl);
        if (change.Outcome == ReserveOutcome.Reserved)
        {
            await TrackExpiryAsync(change.Reservation!);
            await SaveAsync(change.Ledger, change.Reservation!);
        }
        return new ReserveReply(change.Outcome, change.Reservation);
    }

    public Task<ShardReservation?> Find(string reservationId) => FindReservationAsync(reservationId);

    public async Task<ShardReservation?> Void(string reservationId)
    {
        if (await FindReservationAsync(reservationId) is { } existing)
        {
            return existing;
        }
        await StateManager.SetStateAsync(VoidKey(reservationId), true);
        return null;
    }

    public async Task<CheckoutReply> BeginCheckout(string reservationId)
    {
        var change = InventoryRules.BeginCheckout(await LedgerOrEmptyAsync(), await FindReservationAsync(reservationId), clock.GetUtcNow());
        await SaveIfChangedAsync(change.Ledger, change.Reservation);
        return new CheckoutReply(change.Outcome, change.Reservation);
    }

    public async Task<PaymentReply> CompletePayment(PaymentResultCommand command)
    {
        var change = InventoryRules.CompletePayment(await LedgerOrEmptyAsync(), await FindReservationAsync(command.ReservationId), command.Succeeded, clock.GetUtcNow());
        await SaveIfChangedAsync(change.Ledger, change.Reservation);
        return new PaymentReply(change.Outcome, change.Reservation);
    }

    public async Task<ShardLedger?> GetLedger() =>
        (await StateManager.TryGetStateAsync<ShardLedger>(LedgerKey)) is { HasValue: true } stored ? stored.Value : null;

    public async Task<ShardAudit> Audit()
    {
        var sweep = await SweepStateAsync();
        var reservations = new List<ShardReservation>();
        for (var second = sweep.FirstBucket; second <= sweep.LastBucket && sweep.FirstBucket > 0; second++)
        {
            foreach (var id in await BucketAsync(second))
            {
                reservations.Add((await FindReservationAsync(id))!);
            }
        }
        return new ShardAudit(await LedgerOrEmptyAsync(), reservations);
    }

    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        if (reminderName != SweepReminder)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var sweep = await SweepStateAsync();
        var ledger = await LedgerOrEmptyAsync();
        // Bucket s holds expiries in (s-1, s], so every bucket up to the current whole second is fully due.
        var through = Math.Min(now.ToUnixTimeSeconds(), sweep.LastBucket);
        if (through <= sweep.SweptThrough && ledger.Reserved > 0)
        {
            // Nothing new is due: no state write (reminders fire often; writes are the scarce resource).
            return;
        }
        for (var second = Math.Max(sweep.SweptThrough + 1, sweep.FirstBucket); second <= through; second++)
        {
            foreach (var id in await BucketAsync(second))
            {
                var reservation = (await FindReservationAsync(id))!;
                var (released, after) = InventoryRules.Expire(ledger, reservation, now);
                if (after != reservation)
                {
                    ledger = released;
                    await StateManager.SetStateAsync(ReservationKey(id), after);
                }
            }
        }
        await StateManager.SetStateAsync(LedgerKey, ledger);
        var idle = ledger.Reserved == 0;
        if (idle)
        {
            await UnregisterReminderAsync(SweepReminder);
        }
        await StateManager.SetStateAsync(SweepKey, sweep with { SweptThrough = Math.Max(sweep.SweptThrough, through), Scheduled = !idle });
    }

    private async Task TrackExpiryAsync(ShardReservation reservation)
    {
        var sweep = await SweepStateAsync();
        if (!sweep.Scheduled)
        {
            // Registered before the turn's state is saved: a reservation that is stored always has a sweep coming.
            await RegisterReminderAsync(SweepReminder, [], options.SweepInterval, options.SweepInterval);
        }
        var second = (long)Math.Ceiling(reservation.ExpiresAt.ToUnixTimeMilliseconds() / 1000.0);
        var bucket = await BucketAsync(second);
        await StateManager.SetStateAsync(BucketKey(second), bucket.Append(reservation.Id).ToList());
        await StateManager.SetStateAsync(SweepKey, new SweepState(
            sweep.FirstBucket == 0 ? second - 1 : sweep.SweptThrough,
            true,
            sweep.FirstBucket == 0 ? second : sweep.FirstBucket,
            Math.Max(sweep.LastBucket, second)));
    }

    private async Task SaveAsync(ShardLedger ledger, ShardReservation reservation)
    {
        await StateManager.SetStateAsync(LedgerKey, ledger);
        await StateManager.SetStateAsync(ReservationKey(reservation.Id), reservation);
    }

    private async Task SaveIfChangedAsync(ShardLedger ledger, ShardReservation? reservation)
    {
        if (reservation is not null && reservation != await FindReservationAsync(reservation.Id))
        {
            await SaveAsync(ledger, reservation);
        }
    }

    private async Task<ShardLedger> LedgerOrEmptyAsync() => await GetLedger() ?? ShardLedger.Open(0);

    private async Task<ShardReservation?> FindReservationAsync(string id) =>
        (await StateManager.TryGetStateAsync<ShardReservation>(ReservationKey(id))) is { HasValue: true } stored ? stored.Value : null;

    private async Task<SweepState> SweepStateAsync() =>
        (await StateManager.TryGetStateAsync<SweepState>(SweepKey)) is { HasValue: true } stored ? stored.Value : new SweepState(0, false, 0, 0);

    private async Task<List<string>> BucketAsync(long second) =>
        (await StateManager.TryGetStateAsync<List<string>>(BucketKey(second))) is { HasValue: true } stored ? stored.Value : [];

    private static string ReservationKey(string id) => $"r:{id}";

    private static string VoidKey(string id) => $"void:{id}";

    private static string BucketKey(long second) => $"expiring:{second.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="SweptThrough">Every bucket up to this unix second has been swept.</param>
    /// <param name="FirstBucket">The first and last expiry seconds that hold reservations (0: none yet).</param>
    public sealed record SweepState(long SweptThrough, bool Scheduled, long FirstBucket, long LastBucket);
}
