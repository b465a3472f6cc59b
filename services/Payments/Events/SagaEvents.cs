using System.Text.Json;
using System.Text.Json.Serialization;
using AmazonScale.Payments.Domain;
using Dapr;
using Dapr.AspNetCore;

namespace AmazonScale.Payments.Events;

/// <summary>
/// The simulator's side of the checkout saga. Payment requests arrive in bulk (bulkSubscribe: the sidecar gathers up
/// to <see cref="RequestsPerDelivery"/> for at most <see cref="RequestDeliveryWaitMs"/> ms) and are processed as one
/// batch by <see cref="SandboxProcessor"/>, each entry acknowledged on its own. Every handler is idempotent: the
/// verdict for a payment id is stored once and a redelivered request re-publishes that stored verdict; a refund is
/// recorded once per payment id.
/// </summary>
public static class SagaEvents
{
    public const int RequestsPerDelivery = 100;

    /// <summary>Small beside the simulated provider's own latency (hundreds of ms), long enough to gather a batch under load.</summary>
    public const int RequestDeliveryWaitMs = 20;

    /// <summary>Dapr's bulk answer: {"statuses":[{"entryId":…,"status":"SUCCESS|RETRY|DROP"}]} (upper case, whatever the API's JSON style).</summary>
    private static readonly JsonSerializerOptions BulkAnswerOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IEndpointRouteBuilder MapSagaEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events/payment-requested", OnPaymentRequests)
            .WithTopic(DaprComponents.PubSub, nameof(PaymentRequested))
            .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = nameof(PaymentRequested), MaxMessagesCount = RequestsPerDelivery, MaxAwaitDurationMs = RequestDeliveryWaitMs })
            .ExcludeFromDescription();
        app.MapPost("/events/refund-requested", OnRefundRequested).WithTopic(DaprComponents.PubSub, nameof(RefundRequested)).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> OnPaymentRequests(BulkSubscribeMessage<CloudEvent<PaymentRequested?>> delivery, SandboxProcessor sandbox, CancellationToken cancellationToken)
    {
        var entries = delivery.Entries ?? [];
        var statuses = await sandbox.ProcessAsync([.. entries.Select(entry => entry.Event?.Data)], cancellationToken);
        var answer = new BulkSubscribeAppResponse([.. entries.Select((entry, i) => new BulkSubscribeAppResponseEntry(entry.EntryId, statuses[i]))]);
        return TypedResults.Json(answer, BulkAnswerOptions);
    }

    public static async Task<IResult> OnRefundRequested(
        RefundRequested request, PaymentLedger ledger, SagaPublisher events, TimeProvider clock, PaymentsMetrics metrics, CancellationToken cancellationToken)
    {
        if (await ledger.FindRefundAsync(request.PaymentId, cancellationToken) is null)
        {
            await ledger.RecordRefundAsync(new RefundRecord(request.PaymentId, request.Amount, request.Currency, clock.GetUtcNow()), cancellationToken);
            metrics.Refund();
        }
        await events.PublishAsync(new PaymentRefunded(request.PaymentId, request.SaleId, request.ReservationId, request.Amount, request.Currency), cancellationToken);
        return Results.Ok();
    }
}
