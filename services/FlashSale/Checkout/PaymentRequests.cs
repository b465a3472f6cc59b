using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Events;

namespace AmazonScale.FlashSale.Checkout;

/// <summary>
/// Sends a checkout's PaymentRequested while the customer is already being answered: the shard stored the request as
/// owed (outbox mark) in the same transaction as the checkout, so a customer waits for that one shard turn and not for
/// the broker as well. A send that fails, or dies with this process, is sent again by the shard's sweep
/// (<see cref="FlashSaleOptions.FollowUpRetryAfter"/> later) while the payment has no verdict.
/// </summary>
public sealed partial class PaymentRequests(SagaFollowUp followUp, ILogger<PaymentRequests> logger)
{
    public void Send(SaleDefinition sale, string publicReservationId, ShardReservation paying) =>
        _ = SendAsync(sale, publicReservationId, paying);

    private async Task SendAsync(SaleDefinition sale, string publicReservationId, ShardReservation paying)
    {
        try
        {
            await followUp.PublishAsync(sale, publicReservationId, paying, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Nobody awaits this send: its failure is logged here and the shard's sweep sends the request again.
            LogNotSent(logger, publicReservationId, ex.GetType().Name, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment request of reservation {ReservationId} not sent ({Error}: {Reason}); the shard's sweep sends it again")]
    private static partial void LogNotSent(ILogger logger, string reservationId, string error, string reason);
}
