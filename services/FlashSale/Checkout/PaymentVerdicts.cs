using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Events;

namespace AmazonScale.FlashSale.Checkout;

/// <summary>
/// Applies a payment verdict (from the provider's event or from reconciliation) in the reservation's shard, then
/// delivers the follow-up event the change owes: published, then its outbox mark cleared (with the shard's next
/// batch). If this process dies in between, the mark stored with the verdict makes the shard's sweep publish the same
/// event later.
/// </summary>
public sealed class PaymentVerdicts(SaleActors actors, SagaFollowUp followUp)
{
    /// <returns>The outcome, and the reservation as the shard holds it after the verdict.</returns>
    public async Task<(PaymentOutcome Outcome, ShardReservation? Reservation)> ApplyAsync(
        SaleDefinition sale, int shard, string reservationId, bool succeeded, CancellationToken cancellationToken)
    {
        var (outcome, reservation) = await actors.CompletePaymentAsync(sale, shard, reservationId, succeeded, cancellationToken);
        if (reservation is { FollowUpDue: true })
        {
            await followUp.PublishAsync(sale, PublicReservationId.Format(shard, reservationId), reservation, cancellationToken);
            actors.FollowUpPublished(sale, shard, reservationId);
        }
        return (outcome, reservation);
    }
}
