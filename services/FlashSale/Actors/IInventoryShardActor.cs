using AmazonScale.FlashSale.Domain;
using Dapr.Actors;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// One shard of a sale's units (actor id "{saleId}:{shard}"). Turn-based, so decrements never race; the reminder
/// "sweep" releases expired reservations. Called weakly typed (JSON) by method name.
/// </summary>
public interface IInventoryShardActor : IActor
{
    Task<ReserveReply> Reserve(ReserveCommand command);

    Task<ShardReservation?> Find(string reservationId);

    /// <summary>The reservation if it exists; otherwise the id is barred from ever being reserved here.</summary>
    Task<ShardReservation?> Void(string reservationId);

    Task<CheckoutReply> BeginCheckout(string reservationId);

    Task<PaymentReply> CompletePayment(PaymentResultCommand command);

    /// <summary>Null until the shard's first reservation opens it.</summary>
    Task<ShardLedger?> GetLedger();

    Task<ShardAudit> Audit();
}
