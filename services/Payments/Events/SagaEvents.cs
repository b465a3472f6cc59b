using AmazonScale.Payments.Domain;
using Dapr.AspNetCore;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

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

    public static IEndpointRouteBuilder MapSagaEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events/payment-requested", OnPaymentRequests)
            .WithTopic(DaprComponents.PubSub, nameof(PaymentRequested))
            .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = nameof(PaymentRequested), MaxMessagesCount = RequestsPerDelivery, MaxAwaitDurationMs = RequestDeliveryWaitMs })
            .ExcludeFromDescription();
        app.MapPost("/events/refund-requested", OnRefundRequested).WithTopic(DaprComponents.PubSub, nameof(RefundRequested)).ExcludeFromDescription();
        return app;
    }

    /// <summary>The requests were published in the API's JSON shape (snake_case), which is how their data is read.</summary>
    public static Task<IResult> OnPaymentRequests(HttpRequest request, SandboxProcessor sandbox, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        BulkSubscription.HandleAsync<PaymentRequested>(request, json.Value.SerializerOptions, sandbox.ProcessAsync, cancellationToken);

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
