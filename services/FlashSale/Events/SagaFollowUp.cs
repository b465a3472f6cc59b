using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Events;

/// <summary>
/// The event that follows a payment verdict applied in a shard (whether the verdict came by pub/sub or by
/// reconciliation). Published again whenever the same verdict is applied again: consumers deduplicate on its ids.
/// </summary>
public sealed class SagaFollowUp(EventPublisher events)
{
    /// <returns>False when the outcome needs no event.</returns>
    public async Task<bool> PublishAsync(SaleDefinition sale, string publicReservationId, PaymentOutcome outcome, ShardReservation? reservation, CancellationToken cancellationToken)
    {
        var paymentId = PaymentId.For(sale.Id, publicReservationId);
        switch (outcome)
        {
            case PaymentOutcome.Confirmed:
                await events.PublishAsync(new OrderConfirmed(publicReservationId, sale.Id, sale.Sku, reservation!.CustomerId, paymentId, sale.Price, sale.Currency), cancellationToken);
                return true;
            case PaymentOutcome.ReleasedAfterFailure:
                await events.PublishAsync(new ReservationReleased(sale.Id, publicReservationId, reservation!.CustomerId, reservation.ReleaseReason!), cancellationToken);
                return true;
            case PaymentOutcome.RefundRequired:
                await events.PublishAsync(new RefundRequested(paymentId, sale.Id, publicReservationId, sale.Price, sale.Currency), cancellationToken);
                return true;
            default:
                return false;
        }
    }
}
