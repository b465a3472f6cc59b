using System.Globalization;
using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Events;
using AmazonScale.FlashSale.Sales;
using Dapr;
using Dapr.Actors.Runtime;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// Holds one shard's ledger ("ledger"), its reservations and the markers of voided ids in pages
/// (<see cref="ReservationPage"/>) and, per second of expiry, the ids expiring then ("expiring:{unix second}").
/// Commands arrive in batches (<see cref="ShardBatches"/>): one turn applies many customers' commands and the runtime
/// saves them in one transaction, which writes only the pages the batch changed. While reservations are active a
/// periodic reminder sweeps the seconds that have passed and releases what expired; the release is a state
/// transition guarded by the reservation's status, so a unit comes back exactly once even when a sweep is retried
/// after a crash (reminders are durable in the actor state store).
/// The saga's events leave through an outbox: a change that owes one (checkout: the payment request; a verdict: its
/// follow-up) marks the reservation in the same transaction and files it for a sweep a few seconds later, which
/// publishes what its caller did not get to. A payment whose verdict has still not been applied a while after its
/// request went out (its PaymentRequested or PaymentCompleted was lost, e.g. with a killed sidecar on an in-memory
/// pub/sub) is filed again and handed to <see cref="PaymentReconciler"/>, which asks the provider outside the turn and
/// applies the verdict through the same idempotent rule as the event's.
/// </summary>
public sealed partial class InventoryShardActor(
    ActorHost host, TimeProvider clock, FlashSaleOptions options, SaleCatalog catalog, PaymentReconciler reconciler, SagaFollowUp followUp)
    : Actor(host), IInventoryShardActor, IRemindable
{
    public const string SweepReminder = "sweep";
    private const string LedgerKey = "ledger";
    private const string SweepKey = "sweep";

    /// <summary>
    /// Reads every page when the shard activates, which is at the latest when its sale is created (creating a sale takes a
    /// snapshot of every shard's ledger): otherwise a sale's first seconds carry all of its shards' page first reads, one
    /// store read inside a turn for each page a customer's reservation lands in first (~500 reads for 16 shards, when
    /// the load arrives). A page not stored yet is written empty by the activation's save, once per shard.
    /// </summary>
    protected override async Task OnActivateAsync()
    {
        foreach (var key in ReservationPage.Keys)
        {
            await PageAsync(key);
        }
    }

    public async Task<ShardBatchReply> Apply(ShardBatch batch)
    {
        var stored = await GetLedgerAsync();
        var ledger = stored ?? ShardLedger.Open(batch.Units);
        var now = clock.GetUtcNow();
        var results = new List<ShardResult>(batch.Commands.Count);
        foreach (var command in batch.Commands)
        {
            (ledger, var result) = command.Operation switch
            {
                ShardOperation.Reserve => await ReserveAsync(ledger, command, now + batch.Ttl),
                ShardOperation.Find => (ledger, new ShardResult(await FindReservationAsync(command.ReservationId))),
                ShardOperation.Void => (ledger, new ShardResult(await VoidAsync(command))),
                ShardOperation.BeginCheckout => await BeginCheckoutAsync(ledger, command, now),
                ShardOperation.FollowUpPublished => (ledger, new ShardResult(await ClearFollowUpAsync(command.ReservationId))),
                _ => await CompletePaymentAsync(ledger, command.ReservationId, command.Operation == ShardOperation.PaymentSucceeded, now),
            };
            results.Add(result);
        }
        if (ledger != stored && (stored is not null || ledger.Created > 0))
        {
            await StateManager.SetStateAsync(LedgerKey, ledger);
        }
        return new ShardBatchReply(results, ledger);
    }

    private async Task<(ShardLedger, ShardResult)> ReserveAsync(ShardLedger ledger, ShardCommand command, DateTimeOffset expiresAt)
    {
        // A voided id reads as sold out, and a retry of an id this shard holds gets its reservation back.
        var change = InventoryRules.Reserve(ledger, await StoredAsync(command.ReservationId), command.ReservationId, command.CustomerId, expiresAt);
        if (change.Outcome == ReserveOutcome.Reserved)
        {
            await PutAsync(change.Reservation!);
            await TrackAsync(command.ReservationId, expiresAt);
        }
        return (change.Ledger, new ShardResult(change.Reservation, Reserved: change.Outcome));
    }

    private async Task<ShardReservation?> VoidAsync(ShardCommand command)
    {
        if (await StoredAsync(command.ReservationId) is { } existing)
        {
            return existing.IsVoid ? null : existing;
        }
        await PutAsync(InventoryRules.Voided(command.ReservationId, command.CustomerId));
        return null;
    }

    private async Task<(ShardLedger, ShardResult)> BeginCheckoutAsync(ShardLedger ledger, ShardCommand command, DateTimeOffset now)
    {
        var change = InventoryRules.BeginCheckout(ledger, await FindReservationAsync(command.ReservationId), command.PaymentMethod!, now);
        if (change.Outcome == CheckoutOutcome.PaymentRequested)
        {
            // The request's outbox retry; reconciliation is filed from there while the payment has no verdict.
            await TrackAsync(command.ReservationId, now + options.FollowUpRetryAfter);
        }
        await SaveIfChangedAsync(change.Reservation);
        return (change.Ledger, new ShardResult(change.Reservation, CheckedOut: change.Outcome));
    }

    private async Task<(ShardLedger, ShardResult)> CompletePaymentAsync(ShardLedger ledger, string reservationId, bool succeeded, DateTimeOffset now)
    {
        var before = await FindReservationAsync(reservationId);
        var change = InventoryRules.CompletePayment(ledger, before, succeeded, now);
        if (change.Reservation is { FollowUpDue: true } && change.Reservation != before)
        {
            // The outbox entry's safety net: if the caller's publish never confirms, the sweep publishes then.
            await TrackAsync(reservationId, now + options.FollowUpRetryAfter);
        }
        await SaveIfChangedAsync(change.Reservation);
        return (change.Ledger, new ShardResult(change.Reservation, Paid: change.Outcome));
    }

    private async Task<ShardReservation?> ClearFollowUpAsync(string reservationId)
    {
        var reservation = await FindReservationAsync(reservationId);
        var published = reservation is { FollowUpDue: true } ? reservation with { FollowUpDue = false } : reservation;
        await SaveIfChangedAsync(published);
        return published;
    }

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
        // A reservation is filed under its expiry and, once checked out, its outbox retry and reconciliation second(s) too.
        return new ShardAudit(await LedgerOrEmptyAsync(), reservations.DistinctBy(reservation => reservation.Id).ToList());
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
        // Bucket s holds what is due in (s-1, s], so every bucket up to the current whole second is fully due.
        var through = Math.Min(now.ToUnixTimeSeconds(), sweep.LastBucket);
        if (through <= sweep.SweptThrough && (ledger.Reserved > 0 || through < sweep.LastBucket))
        {
            // Nothing new is due: no state write (reminders fire often; writes are the scarce resource).
            return;
        }
        for (var second = Math.Max(sweep.SweptThrough + 1, sweep.FirstBucket); second <= through; second++)
        {
            foreach (var id in await BucketAsync(second))
            {
                ledger = await SettleAsync(ledger, (await FindReservationAsync(id))!, now);
            }
        }
        await StateManager.SetStateAsync(LedgerKey, ledger);
        // Re-read: settling may have filed reservations under later seconds.
        sweep = await SweepStateAsync();
        var idle = ledger.Reserved == 0 && through >= sweep.LastBucket;
        await StateManager.SetStateAsync(SweepKey, sweep with { SweptThrough = Math.Max(sweep.SweptThrough, through), Scheduled = !idle });
        if (idle)
        {
            // State first: a crash between the two leaves a reminder that fires once more and finds nothing to do, never
            // a state that believes in a reminder that is gone (the next reservation would then never expire).
            await StateManager.SaveStateAsync();
            await UnregisterReminderAsync(SweepReminder);
        }
    }

    /// <summary>
    /// One due entry: whatever is due expires; an event still owed is published (the outbox drain: a checkout's payment
    /// request still unanswered, or a verdict's follow-up); a payment awaiting its verdict is filed for reconciliation
    /// and, once that is due, handed to the reconciler, which asks the provider outside this turn.
    /// </summary>
    private async Task<ShardLedger> SettleAsync(ShardLedger ledger, ShardReservation due, DateTimeOffset now)
    {
        var (settled, reservation) = InventoryRules.Expire(ledger, due, now);
        if (reservation.FollowUpDue)
        {
            reservation = await PublishFollowUpAsync(reservation, now);
        }
        // A request still owed (the broker refused it just now) is sent before anyone asks the provider about it.
        if (reservation is { AwaitsPaymentAnswer: true, FollowUpDue: false })
        {
            // A request sent just now gets the whole delay to be answered: asking sooner would void it on its way.
            var requestSentNow = due is { Status: ReservationStatus.Paying, FollowUpDue: true } && reservation.Status == ReservationStatus.Paying;
            var reconcileAt = (requestSentNow ? now : reservation.PaymentRequestedAt!.Value) + options.PaymentReconcileAfter;
            if (now >= reconcileAt)
            {
                await TrackAsync(reservation.Id, now + options.PaymentReconcileAfter);
                var (saleId, shard) = ShardActorId.Parse(Id.GetId());
                reconciler.Reconcile(saleId, shard, reservation);
            }
            else
            {
                await TrackAsync(reservation.Id, reconcileAt);
            }
        }
        if (reservation != due)
        {
            await PutAsync(reservation);
        }
        return settled;
    }

    /// <summary>
    /// Publishes the event a reservation owes and returns it with its outbox mark cleared; when the broker does not take
    /// it, the mark stays and the reservation is filed again for a later sweep (expiries keep being released meanwhile).
    /// </summary>
    private async Task<ShardReservation> PublishFollowUpAsync(ShardReservation reservation, DateTimeOffset now)
    {
        var (sale, publicId) = await PublicViewAsync(reservation.Id);
        try
        {
            await followUp.PublishAsync(sale, publicId, reservation, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DaprException or HttpRequestException or OperationCanceledException)
        {
            LogFollowUpNotPublished(Logger, publicId, ex.Message);
            await TrackAsync(reservation.Id, now + options.FollowUpRetryAfter);
            return reservation;
        }
        return reservation with { FollowUpDue = false };
    }

    private async Task<(SaleDefinition Sale, string PublicReservationId)> PublicViewAsync(string reservationId)
    {
        var (saleId, shard) = ShardActorId.Parse(Id.GetId());
        var sale = await catalog.FindAsync(saleId, CancellationToken.None) ?? throw new InvalidOperationException($"sale {saleId} of shard {shard} is not in the catalog");
        return (sale, PublicReservationId.Format(shard, reservationId));
    }

    /// <summary>Files a reservation under the second <paramref name="dueAt"/> falls in, for the sweep to settle then.</summary>
    private async Task TrackAsync(string reservationId, DateTimeOffset dueAt)
    {
        var sweep = await SweepStateAsync();
        if (!sweep.Scheduled)
        {
            // Registered before the turn's state is saved: a reservation that is stored always has a sweep coming.
            await RegisterReminderAsync(SweepReminder, [], options.SweepInterval, options.SweepInterval);
        }
        var second = (long)Math.Ceiling(dueAt.ToUnixTimeMilliseconds() / 1000.0);
        // Get-or-add reads a new second's key once; setting it afterwards costs no existence check. A new list, not the
        // cached one changed: a sweep may be walking that one while it files a reconciliation.
        var key = BucketKey(second);
        var bucket = await StateManager.GetOrAddStateAsync(key, new List<string>());
        await StateManager.SetStateAsync(key, new List<string>(bucket) { reservationId });
        // Filing under a second before every bucket so far (a reconciliation due before the first expiry) moves the start
        // back; what is swept never is: that is at most the current second, and this one is in the future.
        var first = sweep.FirstBucket == 0 ? second : Math.Min(sweep.FirstBucket, second);
        await StateManager.SetStateAsync(SweepKey, new SweepState(
            sweep.FirstBucket == 0 ? second - 1 : Math.Min(sweep.SweptThrough, second - 1),
            true,
            first,
            Math.Max(sweep.LastBucket, second)));
    }

    private async Task SaveIfChangedAsync(ShardReservation? reservation)
    {
        if (reservation is not null && reservation != await FindReservationAsync(reservation.Id))
        {
            await PutAsync(reservation);
        }
    }

    /// <summary>
    /// Stores a reservation (or void marker) in its page. The page is changed in place: if the turn fails before its state
    /// is saved, the runtime drops every cached value of this actor, so no change outlives a turn that did not commit.
    /// </summary>
    private async Task PutAsync(ShardReservation reservation)
    {
        var key = ReservationPage.KeyOf(reservation.Id);
        var page = await PageAsync(key);
        page.Put(reservation);
        await StateManager.SetStateAsync(key, page);
    }

    /// <summary>A page as stored, or a new empty one: get-or-add reads a page once per activation and never again (a
    /// later write of a key the state manager does not hold would cost another read to learn whether it exists).</summary>
    private Task<ReservationPage> PageAsync(string key) => StateManager.GetOrAddStateAsync(key, new ReservationPage());

    private async Task<ShardLedger?> GetLedgerAsync() =>
        (await StateManager.TryGetStateAsync<ShardLedger>(LedgerKey)) is { HasValue: true } stored ? stored.Value : null;

    private async Task<ShardLedger> LedgerOrEmptyAsync() => await GetLedgerAsync() ?? ShardLedger.Open(0);

    /// <summary>A reservation of this shard; a voided id reads as absent.</summary>
    private async Task<ShardReservation?> FindReservationAsync(string id) => await StoredAsync(id) is { IsVoid: false } found ? found : null;

    /// <summary>The reservation or void marker stored under <paramref name="id"/>.</summary>
    private async Task<ShardReservation?> StoredAsync(string id) => (await PageAsync(ReservationPage.KeyOf(id))).Find(id);

    private async Task<SweepState> SweepStateAsync() =>
        (await StateManager.TryGetStateAsync<SweepState>(SweepKey)) is { HasValue: true } stored ? stored.Value : new SweepState(0, false, 0, 0);

    private async Task<List<string>> BucketAsync(long second) =>
        (await StateManager.TryGetStateAsync<List<string>>(BucketKey(second))) is { HasValue: true } stored ? stored.Value : [];

    private static string BucketKey(long second) => $"expiring:{second.ToString(CultureInfo.InvariantCulture)}";

    /// <param name="SweptThrough">Every bucket up to this unix second has been swept.</param>
    /// <param name="FirstBucket">The first and last expiry seconds that hold reservations (0: none yet).</param>
    public sealed record SweepState(long SweptThrough, bool Scheduled, long FirstBucket, long LastBucket);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up event of reservation {ReservationId} not published ({Reason}); publishing again later")]
    private static partial void LogFollowUpNotPublished(ILogger logger, string reservationId, string reason);
}
