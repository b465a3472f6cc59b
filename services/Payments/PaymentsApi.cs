using System.Text.RegularExpressions;
using AmazonScale.Payments.Domain;
using AmazonScale.Payments.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.Payments;

/// <summary>GET /api/v1/payments/{id}: what the SANDBOX simulator decided for a payment, and whether it was refunded.</summary>
public static partial class PaymentsApi
{
    public sealed record PaymentResponse(PaymentRecord Payment, RefundRecord? Refund, bool Sandbox);

    public static WebApplication MapPaymentsApi(this WebApplication app)
    {
        app.MapGet("/api/v1/payments/{id}", GetPayment).WithName(nameof(GetPayment)).WithTags("Payments (sandbox)")
            .WithSummary("A simulated payment's verdict and refund (sandbox: no money moves)");
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

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,200}$")]
    private static partial Regex PaymentId();
}
