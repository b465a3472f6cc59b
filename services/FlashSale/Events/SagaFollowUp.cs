using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Events;

/// <summary>
/// The event a reservation owes (<see cref="ShardReservation.FollowUpDue"/>): the payment request of a checkout, or what
/// follows its verdict, whether the verdict came by pub/sub or by reconciliation. It may be published more than once
/// (a crash after the publish and before the outbox mark is cleared, a request re-sent while its answer is on the way):
/// consumers deduplicate on its ids (payment id, order id = reservation id).
/// </summary>
public sealed class SagaFollowUp(EventPublisher events)
{
    public Task PublishAsync(SaleDefinition sale, string publicReservationId, ShardReservation reservation, CancellationToken cancellationToken)
    {
        var paymentId = PaymentId.For(sale.Id, publicReservationId);
        return InventoryRules.FollowUpOf(reservation) switch
        {
            OwedEvent.PaymentRequested => events.PublishAsync(
                new PaymentRequested(paymentId, sale.Id, publicReservationId, reservation.CustomerId, sale.Price, sale.Currency,
                    // Reservations checked out before the method was stored with them have none: they are sent with the default.
                    reservation.PaymentMethod ?? CheckoutApi.DefaultPaymentMethod), cancellationToken),
            OwedEvent.OrderConfirmed => events.PublishAsync(
                new OrderConfirmed(publicReservationId, sale.Id, sale.Sku, reservation.CustomerId, paymentId, sale.Price, sale.Currency), cancellationToken),
            OwedEvent.RefundRequested => events.PublishAsync(
                new RefundRequested(paymentId, sale.Id, publicReservationId, sale.Price, sale.Currency), cancellationToken),
            _ => events.PublishAsync(
                new ReservationReleased(sale.Id, publicReservationId, reservation.CustomerId, reservation.ReleaseReason!), cancellationToken),
        };
    }
}
