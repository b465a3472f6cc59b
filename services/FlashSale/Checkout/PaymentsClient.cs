using System.Text.Json;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Checkout;

/// <summary>
/// The payment provider's reconciliation endpoint through Dapr service invocation:
/// POST /api/v1/payments/{id}/resolution answers the one stored verdict, voiding a payment whose request never
/// arrived (so it can no longer be charged). Idempotent on the payment id, so asking twice is harmless.
/// </summary>
public sealed class PaymentsClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record ResolutionRequest(string SaleId, string ReservationId, decimal Amount, string Currency);

    private sealed record Resolution(ResolvedPayment Payment);

    private sealed record ResolvedPayment(string Outcome);

    public static PaymentsClient Create(IConfiguration configuration, FlashSaleOptions options)
    {
        var http = DaprInvocation.CreateClient(configuration, options.PaymentsAppId);
        http.Timeout = options.PaymentsTimeout;
        return new(http);
    }

    /// <exception cref="HttpRequestException">The provider could not be reached or failed.</exception>
    /// <exception cref="TaskCanceledException">The provider did not answer in time.</exception>
    public async Task<PaymentVerdict> ResolveAsync(SaleDefinition sale, string publicReservationId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            $"/api/v1/payments/{PaymentId.For(sale.Id, publicReservationId)}/resolution",
            new ResolutionRequest(sale.Id, publicReservationId, sale.Price, sale.Currency),
            Json,
            cancellationToken);
        response.EnsureSuccessStatusCode();
        var resolution = await response.Content.ReadFromJsonAsync<Resolution>(Json, cancellationToken)
            ?? throw new HttpRequestException("the payment provider answered without a verdict");
        return resolution.Payment.Outcome switch
        {
            "succeeded" => PaymentVerdict.Succeeded,
            "declined" or "voided" => PaymentVerdict.Failed,
            "no_answer" => PaymentVerdict.Pending,
            var unknown => throw new HttpRequestException($"the payment provider answered an unknown verdict '{unknown}'"),
        };
    }
}
