using System.Text.RegularExpressions;
using AmazonScale.Payments.Domain;
using AmazonScale.Payments.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.Payments;

/// <summary>
/// GET /api/v1/payments/{id}: what the SANDBOX simulator decided for a payment, and whether it was refunded.
/// POST /api/v1/payments/{id}/resolution: the final verdict for a merchant reconciling a payment whose answer it
/// never got; a payment whose request never arrived is voided then (recorded first-write-wins, so the request, if it
/// arrives later, gets the same verdict). Idempotent: every call answers the one stored verdict.
/// </summary>
public static partial class PaymentsApi
{
    public const string VoidedReason = "voided_by_reconciliation";

    public sealed record PaymentResponse(PaymentRecord Payment, RefundRecord? Refund, bool Sandbox);

    public sealed record ResolutionRequest(string? SaleId, string? ReservationId, decimal? Amount, string? Currency);

    public static WebApplication MapPaymentsApi(this WebApplication app)
    {
        var payments = app.MapGroup("/api/v1/payments").WithTags("Payments (sandbox)");
        payments.MapGet("/{id}", GetPayment).WithName(nameof(GetPayment))
            .WithSummary("A simulated payment's verdict and refund (sandbox: no money moves)");
        payments.MapPost("/{id}/resolution", Resolve).WithName(nameof(Resolve))
            .WithSummary("The payment's final verdict; voids a payment whose request never arrived (idempotent)");
        app.MapSagaEvents();
        app.MapOpenApi();
        return app;
    }

    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetPayment(string id, PaymentLedger ledger, CancellationToken cancellationToken)
    {
        if (!PaymentId().IsMatch(id) || await ledger.FindPaymentAsync(id, cancellationToken) is not { } payment)
        {
            return TypedResults.Problem(statusCode: 404, title: "Payment not found", detail: "No payment with that id.");
        }
        return TypedResults.Ok(new PaymentResponse(payment, await ledger.FindRefundAsync(id, cancellationToken), Sandbox: true));
    }

    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> Resolve(
        string id, ResolutionRequest request, PaymentLedger ledger, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!PaymentId().IsMatch(id) || request.SaleId is not { Length: > 0 and <= 200 } saleId || request.ReservationId is not { Length: > 0 and <= 200 } reservationId
            || request.Amount is not >= 0 || request.Currency is not { Length: 3 } currency)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid resolution request",
                detail: "The payment id must be 1-200 of [A-Za-z0-9_.:-]; sale_id, reservation_id (≤ 200 characters), amount (≥ 0) and a 3-letter currency are required.");
        }
        var payment = await ledger.FindPaymentAsync(id, cancellationToken)
            ?? await ledger.RecordPaymentAsync(
                new PaymentRecord(id, saleId, reservationId, request.Amount.Value, currency, SandboxOutcome.Voided, VoidedReason, clock.GetUtcNow()),
                cancellationToken);
        return TypedResults.Ok(new PaymentResponse(payment, await ledger.FindRefundAsync(id, cancellationToken), Sandbox: true));
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,200}\\z")]
    private static partial Regex PaymentId();
}
