using AmazonScale.FlashSale.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.FlashSale.Actors;

/// <summary>The service's calls to its actors, through the sidecar (which routes each to whichever instance hosts it).</summary>
public sealed class SaleActors(IActorProxyFactory proxies)
{
    /// <summary>Every shard's ledger; a shard not opened yet counts as all its units available.</summary>
    public async Task<ShardLedger[]> LedgersAsync(SaleDefinition sale, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, sale.Shards).Select(async shard =>
            await Shard(sale.Id, shard).InvokeMethodAsync<ShardLedger?>(nameof(IInventoryShardActor.GetLedger), cancellationToken)
            ?? ShardLedger.Open(sale.ShardUnits(shard))));

    public async Task<ShardAudit[]> AuditAsync(SaleDefinition sale, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, sale.Shards).Select(shard =>
            Shard(sale.Id, shard).InvokeMethodAsync<ShardAudit>(nameof(IInventoryShardActor.Audit), cancellationToken)));

    public Task<TicketLease> LeaseTicketsAsync(SaleDefinition sale, int count, CancellationToken cancellationToken) =>
        Queue(sale.Id).InvokeMethodAsync<LeaseTicketsCommand, TicketLease>(nameof(IQueueActor.LeaseTickets), new LeaseTicketsCommand(sale, count), cancellationToken);

    public Task<QueueLine> AdmitAsync(SaleDefinition sale, int available, CancellationToken cancellationToken) =>
        Queue(sale.Id).InvokeMethodAsync<AdmitCommand, QueueLine>(nameof(IQueueActor.Admit), new AdmitCommand(sale, available), cancellationToken);

    public Task<CustomerReserveReply> ReserveAsync(SaleDefinition sale, string customerId, IReadOnlyList<ShardTarget> order, CancellationToken cancellationToken) =>
        proxies.Create(new ActorId($"{sale.Id}:{customerId}"), nameof(CustomerActor)).InvokeMethodAsync<CustomerReserveCommand, CustomerReserveReply>(
            nameof(ICustomerActor.Reserve), new CustomerReserveCommand(sale.Id, customerId, sale.PerCustomerLimit, sale.ReservationTtl, order), cancellationToken);

    public Task<ShardReservation?> FindAsync(string saleId, int shard, string reservationId, CancellationToken cancellationToken) =>
        Shard(saleId, shard).InvokeMethodAsync<string, ShardReservation?>(nameof(IInventoryShardActor.Find), reservationId, cancellationToken);

    public Task<CheckoutReply> BeginCheckoutAsync(string saleId, int shard, string reservationId, CancellationToken cancellationToken) =>
        Shard(saleId, shard).InvokeMethodAsync<string, CheckoutReply>(nameof(IInventoryShardActor.BeginCheckout), reservationId, cancellationToken);

    public Task<PaymentReply> CompletePaymentAsync(string saleId, int shard, PaymentResultCommand command, CancellationToken cancellationToken) =>
        Shard(saleId, shard).InvokeMethodAsync<PaymentResultCommand, PaymentReply>(nameof(IInventoryShardActor.CompletePayment), command, cancellationToken);

    private ActorProxy Shard(string saleId, int shard) => proxies.Create(new ActorId(ShardActorId.For(saleId, shard)), nameof(InventoryShardActor));

    private ActorProxy Queue(string saleId) => proxies.Create(new ActorId(saleId), nameof(QueueActor));
}
