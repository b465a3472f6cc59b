using System.Text.Json;
using AmazonScale.Payments.Domain;
using Dapr;
using Dapr.Client;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AmazonScale.Payments.Events;

/// <summary>
/// The simulator's side of the checkout saga. Every handler is idempotent: the verdict for a payment id is stored
/// once and a redelivered request re-publishes that stored verdict (never a new random one); a refund is recorded
/// once per payment id.
/// </summary>
public static class SagaEvents
{
    public static IEndpointRouteBuilder MapSagaEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events/payment-requested", OnPaymentRequested).WithTopic(DaprComponents.PubSub, nameof(PaymentRequested)).ExcludeFromDescription();
        app.MapPost("/events/refund-requested", OnRefundRequested).WithTopic(DaprComponents.PubSub, nameof(RefundRequested)).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> OnPaymentRequested(
        PaymentRequested request, PaymentLedger ledger, PaymentsOptions options, DaprClient dapr, IOptions<JsonOptions> json, TimeProvider clock,
        PaymentsMetrics metrics, CancellationToken cancellationToken)
    {
        // Decided before looking: the first write of a verdict wins, so a redelivery (rare) costs a simulated delay and
        // answers with the stored verdict, and a first delivery (the common case) costs no read.
        var (outcome, reason) = SandboxDecision.Decide(request.Method, options.FailureRate, Random.Shared.NextDouble());
        if (outcome != SandboxOutcome.NoAnswer)
        {
            var jitter = options.LatencyJitter * ((Random.Shared.NextDouble() * 2) - 1);
            await Task.Delay(options.Latency + jitter, clock, cancellationToken);
        }
        var decided = new PaymentRecord(request.PaymentId, request.SaleId, request.ReservationId, request.Amount, request.Currency, outcome, reason, clock.GetUtcNow());
        var record = await ledger.RecordPaymentAsync(decided, cancellationToken);
        if (ReferenceEquals(record, decided))
        {
            metrics.Payment(record.Outcome);
        }
        if (record.Outcome != SandboxOutcome.NoAnswer)
        {
            await PublishAsync(dapr, json, new PaymentCompleted(record.PaymentId, record.SaleId, record.ReservationId, record.Outcome == SandboxOutcome.Succeeded, record.Reason), cancellationToken);
        }
        return Results.Ok();
    }

    public static async Task<IResult> OnRefundRequested(
        RefundRequested request, PaymentLedger ledger, DaprClient dapr, IOptions<JsonOptions> json, TimeProvider clock, PaymentsMetrics metrics,
        CancellationToken cancellationToken)
    {
        if (await ledger.FindRefundAsync(request.PaymentId, cancellationToken) is null)
        {
            await ledger.RecordRefundAsync(new RefundRecord(request.PaymentId, request.Amount, request.Currency, clock.GetUtcNow()), cancellationToken);
            metrics.Refund();
        }
        await PublishAsync(dapr, json, new PaymentRefunded(request.PaymentId, request.SaleId, request.ReservationId, request.Amount, request.Currency), cancellationToken);
        return Results.Ok();
    }

    /// <summary>In the API's JSON shape (snake_case), which is what the subscribers bind.</summary>
    private static Task PublishAsync<TEvent>(DaprClient dapr, IOptions<JsonOptions> json, TEvent integrationEvent, CancellationToken cancellationToken) =>
        dapr.PublishEventAsync(DaprComponents.PubSub, typeof(TEvent).Name, JsonSerializer.SerializeToElement(integrationEvent, json.Value.SerializerOptions), cancellationToken);
}
