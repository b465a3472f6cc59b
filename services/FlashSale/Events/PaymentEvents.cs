using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Checkout;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Sales;
using Dapr.AspNetCore;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AmazonScale.FlashSale.Events;

/// <summary>
/// The saga's reaction to the payment provider. Answers arrive in bulk (bulkSubscribe: up to
/// <see cref="AnswersPerDelivery"/> gathered for at most <see cref="AnswerDeliveryWaitMs"/> ms) and are applied
/// concurrently, so the verdicts of one delivery share shard turns (<see cref="ShardBatches"/>) and follow-up bulk
/// publishes (<see cref="EventPublisher"/>). The shard actor applies an answer once (keyed by reservation id) and
/// returns the same outcome on redelivery; the follow-up event is owed until a publish succeeded (outbox mark on the
/// reservation), so it is published at least once and its consumers deduplicate on the ids it carries. Each entry is
/// acknowledged on its own: an answer whose application failed is answered RETRY and only it is redelivered.
/// </summary>
public static partial class PaymentEvents
{
    public const int AnswersPerDelivery = 100;

    /// <summary>
    /// Long enough for a delivery to hold several answers per shard under load (at 20 ms a delivery held ~9 answers
    /// spread over 16 shards, one actor call each); a verdict is applied at most this much later, which no customer
    /// request waits for.
    /// </summary>
    public const int AnswerDeliveryWaitMs = 100;

    public static IEndpointRouteBuilder MapPaymentEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events/payment-completed", OnPaymentsCompleted)
            .WithTopic(DaprComponents.PubSub, nameof(PaymentCompleted))
            .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = nameof(PaymentCompleted), MaxMessagesCount = AnswersPerDelivery, MaxAwaitDurationMs = AnswerDeliveryWaitMs })
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The answers were published by payments in the API's JSON shape (snake_case), which is how their data is read.</summary>
    public static Task<IResult> OnPaymentsCompleted(
        HttpRequest request, IOptions<JsonOptions> json, SaleCatalog catalog, PaymentVerdicts verdicts, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(PaymentEvents));
        return BulkSubscription.HandleAsync<PaymentCompleted>(request, json.Value.SerializerOptions,
            (payments, token) => Task.WhenAll(payments.Select(payment => ApplyAsync(payment, catalog, verdicts, logger, token))), cancellationToken);
    }

    private static async Task<BulkSubscribeAppResponseStatus> ApplyAsync(
        PaymentCompleted? payment, SaleCatalog catalog, PaymentVerdicts verdicts, ILogger logger, CancellationToken cancellationToken)
    {
        if (payment is not { PaymentId: not null, SaleId: not null, ReservationId: not null })
        {
            return BulkSubscribeAppResponseStatus.DROP;
        }
        try
        {
            if (!PublicReservationId.TryParse(payment.ReservationId, out var shard, out var reservationId)
                || await catalog.FindAsync(payment.SaleId, cancellationToken) is not { } sale || shard >= sale.Shards)
            {
                // Not ours to act on and retrying will not change that: acknowledge (no redelivery) and say so.
                LogUnknownPayment(logger, payment.PaymentId);
                return BulkSubscribeAppResponseStatus.SUCCESS;
            }
            var (outcome, reservation) = await verdicts.ApplyAsync(sale, shard, reservationId, payment.Succeeded, cancellationToken);
            if (reservation is not { FollowUpDue: true })
            {
                LogNothingToDo(logger, payment.PaymentId, outcome);
            }
            return BulkSubscribeAppResponseStatus.SUCCESS;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotApplied(logger, payment.PaymentId, ex.GetType().Name, ex.Message);
            return BulkSubscribeAppResponseStatus.RETRY;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} names no reservation of a known sale; acknowledged and ignored")]
    private static partial void LogUnknownPayment(ILogger logger, string paymentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId} needs no action ({Outcome})")]
    private static partial void LogNothingToDo(ILogger logger, string paymentId, PaymentOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} not applied ({Error}: {Reason}); asking for its redelivery")]
    private static partial void LogNotApplied(ILogger logger, string paymentId, string error, string reason);
}
