using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Sales;
using Dapr;

namespace AmazonScale.FlashSale.Events;

/// <summary>
/// The saga's reaction to the payment provider. The shard actor applies the answer once (keyed by reservation id) and
/// returns the same outcome on redelivery; the follow-up event is owed until a publish succeeded (outbox mark on the
/// reservation), so it is published at least once and its consumers deduplicate on the ids it carries. An exception
/// answers 500 and the sidecar redelivers.
/// </summary>
public static partial class PaymentEvents
{
    public static IEndpointRouteBuilder MapPaymentEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events/payment-completed", OnPaymentCompleted).WithTopic(DaprComponents.PubSub, nameof(PaymentCompleted)).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> OnPaymentCompleted(
        PaymentCompleted payment, SaleCatalog catalog, PaymentVerdicts verdicts, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(PaymentEvents));
        if (!PublicReservationId.TryParse(payment.ReservationId, out var shard, out var reservationId)
            || await catalog.FindAsync(payment.SaleId, cancellationToken) is not { } sale || shard >= sale.Shards)
        {
            // Not ours to act on and retrying will not change that: acknowledge (no redelivery) and say so.
            LogUnknownPayment(logger, payment.PaymentId);
            return Results.Ok();
        }
        var (outcome, reservation) = await verdicts.ApplyAsync(sale, shard, reservationId, payment.Succeeded, cancellationToken);
        if (reservation is not { FollowUpDue: true })
        {
            LogNothingToDo(logger, payment.PaymentId, outcome);
        }
        return Results.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} names no reservation of a known sale; acknowledged and ignored")]
    private static partial void LogUnknownPayment(ILogger logger, string paymentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} needs no action ({Outcome})")]
    private static partial void LogNothingToDo(ILogger logger, string paymentId, PaymentOutcome outcome);
}
