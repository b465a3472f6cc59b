using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Sales;

namespace AmazonScale.FlashSale.Checkout;

/// <summary>
/// Asks the provider about payments whose verdict is overdue and applies the answer like the event's — outside any
/// shard turn, so a slow or unreachable provider never holds a shard (its reserves and checkouts) while it times out.
/// The shard files the reservation again before handing it over, so an answer lost here (crash, provider down) is
/// asked for again at the next round; applying a verdict twice changes nothing.
/// </summary>
public sealed partial class PaymentReconciler(SaleCatalog catalog, PaymentsClient payments, PaymentVerdicts verdicts, TimeProvider clock, ILogger<PaymentReconciler> logger)
{
    /// <summary>Starts asking and returns at once (called from a shard's sweep, which must not wait for the provider).</summary>
    public void Reconcile(string saleId, int shard, ShardReservation reservation) =>
        _ = Task.Run(() => ReconcileAsync(saleId, shard, reservation), CancellationToken.None);

    private async Task ReconcileAsync(string saleId, int shard, ShardReservation reservation)
    {
        var publicId = PublicReservationId.Format(shard, reservation.Id);
        try
        {
            if (await catalog.FindAsync(saleId, CancellationToken.None) is not { } sale)
            {
                return;
            }
            var verdict = await payments.ResolveAsync(sale, publicId, CancellationToken.None);
            // A verdict still pending is worth waiting for only while the reservation lasts; after that it closes as "not
            // paid" (a success that still turns up as an event is refunded by the same rule).
            if (verdict == PaymentVerdict.Pending && clock.GetUtcNow() < reservation.ExpiresAt)
            {
                return;
            }
            var (outcome, _) = await verdicts.ApplyAsync(sale, shard, reservation.Id, verdict == PaymentVerdict.Succeeded, CancellationToken.None);
            LogReconciled(logger, publicId, verdict, outcome);
        }
        catch (Exception ex)
        {
            // Nothing is lost: the reservation is filed for the next round.
            LogNotReconciled(logger, publicId, ex.GetType().Name, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled payment of reservation {ReservationId}: {Verdict} → {Outcome}")]
    private static partial void LogReconciled(ILogger logger, string reservationId, PaymentVerdict verdict, PaymentOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment of reservation {ReservationId} not reconciled ({Error}: {Reason}); asking again later")]
    private static partial void LogNotReconciled(ILogger logger, string reservationId, string error, string reason);
}
