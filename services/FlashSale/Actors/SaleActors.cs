using AmazonScale.FlashSale.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// The service's calls to its actors, through the sidecar (which routes each to whichever instance hosts it). Shard
/// commands go through <see cref="ShardBatches"/>, so concurrent requests share shard turns.
/// </summary>
public sealed class SaleActors(IActorProxyFactory proxies, ShardBatches shards, ShardStock stock)
{
    /// <summary>
    /// Every shard's ledger, at most <paramref name="maxAge"/> old: a shard that reported one since (with a batch's
    /// reply), or whose units are all sold, is not asked again. A shard not opened yet counts as all its units available.
    /// </summary>
    public async Task<ShardLedger[]> LedgersAsync(SaleDefinition sale, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var ledgers = new Task<ShardLedger>[sale.Shards];
        for (var shard = 0; shard < sale.Shards; shard++)
        {
            ledgers[shard] = stock.Current(sale, shard, maxAge) is { } recent ? Task.FromResult(recent) : shards.LedgerAsync(sale, shard, cancellationToken);
        }
        return await Task.WhenAll(ledgers);
    }

    public async Task<ShardAudit[]> AuditAsync(SaleDefinition sale, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, sale.Shards).Select(shard =>
            proxies.Create(new ActorId(ShardActorId.For(sale.Id, shard)), nameof(InventoryShardActor))
                .InvokeMethodAsync<ShardAudit>(nameof(IInventoryShardActor.Audit), cancellationToken)));

    public Task<TicketLease> LeaseTicketsAsync(SaleDefinition sale, int count, CancellationToken cancellationToken) =>
        Queue(sale.Id).InvokeMethodAsync<LeaseTicketsCommand, TicketLease>(nameof(IQueueActor.LeaseTickets), new LeaseTicketsCommand(sale, count), cancellationToken);

    public Task<QueueLine> AdmitAsync(SaleDefinition sale, int available, CancellationToken cancellationToken) =>
        Queue(sale.Id).InvokeMethodAsync<AdmitCommand, QueueLine>(nameof(IQueueActor.Admit), new AdmitCommand(sale, available), cancellationToken);

    public async Task<(ReserveOutcome Outcome, ShardReservation? Reservation)> ReserveAsync(
        SaleDefinition sale, int shard, string reservationId, string customerId, CancellationToken cancellationToken)
    {
        var result = await shards.SendAsync(sale, shard, new ShardCommand(ShardOperation.Reserve, reservationId, customerId), cancellationToken);
        return (result.Reserved!.Value, result.Reservation);
    }

    public async Task<ShardReservation?> FindAsync(SaleDefinition sale, int shard, string reservationId, CancellationToken cancellationToken) =>
        (await shards.SendAsync(sale, shard, new ShardCommand(ShardOperation.Find, reservationId), cancellationToken)).Reservation;

    /// <summary>The reservation if it exists in the shard; otherwise the id can never be reserved there.</summary>
    public async Task<ShardReservation?> VoidAsync(SaleDefinition sale, int shard, string reservationId, string customerId, CancellationToken cancellationToken) =>
        (await shards.SendAsync(sale, shard, new ShardCommand(ShardOperation.Void, reservationId, customerId), cancellationToken)).Reservation;

    public async Task<(CheckoutOutcome Outcome, ShardReservation? Reservation)> BeginCheckoutAsync(
        SaleDefinition sale, int shard, string reservationId, string paymentMethod, CancellationToken cancellationToken)
    {
        var result = await shards.SendAsync(sale, shard, new ShardCommand(ShardOperation.BeginCheckout, reservationId, PaymentMethod: paymentMethod), cancellationToken);
        return (result.CheckedOut!.Value, result.Reservation);
    }

    public async Task<(PaymentOutcome Outcome, ShardReservation? Reservation)> CompletePaymentAsync(
        SaleDefinition sale, int shard, string reservationId, bool succeeded, CancellationToken cancellationToken)
    {
        var operation = succeeded ? ShardOperation.PaymentSucceeded : ShardOperation.PaymentFailed;
        var result = await shards.SendAsync(sale, shard, new ShardCommand(operation, reservationId), cancellationToken);
        return (result.Paid!.Value, result.Reservation);
    }

    /// <summary>
    /// Clears a reservation's outbox mark with the shard's next batch, not in a call of its own: a mark cleared late
    /// or never only makes the shard's sweep publish the event once more, which consumers deduplicate.
    /// </summary>
    public void FollowUpPublished(SaleDefinition sale, int shard, string reservationId) =>
        shards.Defer(sale, shard, new ShardCommand(ShardOperation.FollowUpPublished, reservationId));

    private ActorProxy Queue(string saleId) => proxies.Create(new ActorId(saleId), nameof(QueueActor));
}
