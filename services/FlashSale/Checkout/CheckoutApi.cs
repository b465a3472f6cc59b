using System.Text.RegularExpressions;
using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Sales;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.FlashSale.Checkout;

/// <summary>
/// POST /api/v1/sales/{id}/checkout: step one of the checkout saga. The shard actor marks the reservation paying
/// (idempotent) with its payment request owed, and the customer is answered once that is stored; PaymentRequested is
/// sent meanwhile (<see cref="PaymentRequests"/>, the shard's sweep sends it again if that is lost), and the payments
/// service answers with PaymentCompleted (see <see cref="Events.PaymentEvents"/>). A retried checkout sends the same request
/// again (same payment id and the method asked for first), which the provider deduplicates; a checkout that never gets
/// an answer is reconciled with the provider and ends at the latest when the reservation expires.
/// </summary>
public static partial class CheckoutApi
{
    public const string DefaultPaymentMethod = "sandbox_ok";

    public static RouteGroupBuilder MapCheckoutApi(this RouteGroupBuilder sales)
    {
        sales.MapPost("/{id}/checkout", Checkout).WithName(nameof(Checkout))
            .WithSummary("Pay for a reservation: 202 while the payment runs, 200 if already sold, 410 if the reservation was released");
        return sales;
    }

    public static async Task<Results<Accepted<CheckoutResponse>, Ok<CheckoutResponse>, ProblemHttpResult>> Checkout(
        string id, CheckoutRequest request, SaleCatalog catalog, SaleActors actors, SaleTokens tokens, PaymentRequests payments, CancellationToken cancellationToken)
    {
        if (tokens.ReadReservation(request.ReservationToken) is not { } claim || claim.SaleId != id)
        {
            return Problems.InvalidToken("reservation");
        }
        var method = request.PaymentMethod ?? DefaultPaymentMethod;
        if (!PaymentMethod().IsMatch(method))
        {
            return Problems.Invalid("payment_method", "payment_method must be 1-32 lowercase letters or '_'.");
        }
        if (await catalog.FindAsync(id, cancellationToken) is not { } sale)
        {
            return Problems.SaleNotFound(id);
        }
        var (outcome, reservation) = await actors.BeginCheckoutAsync(sale, claim.Shard, claim.ReservationId, method, cancellationToken);
        var reservationId = PublicReservationId.Format(claim.Shard, claim.ReservationId);
        var paymentId = PaymentId.For(sale.Id, reservationId);
        switch (outcome)
        {
            case CheckoutOutcome.PaymentRequested or CheckoutOutcome.AlreadyPaying:
                payments.Send(sale, reservationId, reservation!);
                return TypedResults.Accepted($"/api/v1/sales/{sale.Id}/reservations/{request.ReservationToken}",
                    new CheckoutResponse(reservationId, paymentId, reservation!.Status, reservation.ExpiresAt));
            case CheckoutOutcome.AlreadySold:
                return TypedResults.Ok(new CheckoutResponse(reservationId, paymentId, reservation!.Status, reservation.ExpiresAt));
            case CheckoutOutcome.Released:
                return Problems.ReservationReleased(reservation!.ReleaseReason);
            default:
                return Problems.ReservationNotFound();
        }
    }

    [GeneratedRegex("^[a-z_]{1,32}\\z")]
    private static partial Regex PaymentMethod();
}
