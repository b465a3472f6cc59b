using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Sales;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.FlashSale.Reservations;

/// <summary>/api/v1/sales/{id}/reserve and …/reservations/{token}: an admitted customer takes one unit for the reservation TTL.</summary>
public static class ReservationApi
{
    public static RouteGroupBuilder MapReservationApi(this RouteGroupBuilder sales)
    {
        sales.MapPost("/{id}/reserve", Reserve).WithName(nameof(Reserve))
            .WithSummary("Reserve one unit with an admission token (idempotent per customer: a retry returns the same reservation)");
        sales.MapGet("/{id}/reservations/{token}", GetReservation).WithName(nameof(GetReservation))
            .WithSummary("A reservation's status (reserved, paying, sold, released) by its reservation token");
        return sales;
    }

    public static async Task<Results<Created<ReservationResponse>, Ok<ReservationResponse>, ProblemHttpResult>> Reserve(
        string id, ReserveRequest request, SaleCatalog catalog, SaleMonitor monitor, ShardStock stock, CustomerReservations customers, SaleTokens tokens, TimeProvider clock,
        FlashSaleMetrics metrics, CancellationToken cancellationToken)
    {
        if (tokens.ReadAdmission(request.AdmissionToken) is not { } admission || admission.SaleId != id)
        {
            return Problems.InvalidToken("admission");
        }
        if (await catalog.FindAsync(id, cancellationToken) is not { } sale)
        {
            return Problems.SaleNotFound(id);
        }
        var now = clock.GetUtcNow();
        if (sale.HasEnded(now))
        {
            return Problems.SaleEnded(id);
        }
        if (now >= admission.ExpiresAt)
        {
            return Problems.AdmissionExpired();
        }
        var snapshot = await monitor.SnapshotAsync(sale, cancellationToken);
        if (snapshot.Available == 0)
        {
            // Answered in-process: while nothing is available the actors are not bothered (the snapshot is at most
            // one monitor interval old; the customer may retry if units come back).
            metrics.Reservation(nameof(CustomerReserveOutcome.SoldOut));
            return Problems.SoldOut(mayReopen: snapshot.Reserved > 0);
        }
        var reply = await customers.ReserveAsync(sale, admission.CustomerId, stock.ShardOrder(sale, admission.CustomerId), cancellationToken);
        metrics.Reservation(reply.Outcome.ToString());
        switch (reply.Outcome)
        {
            case CustomerReserveOutcome.Reserved or CustomerReserveOutcome.AlreadyReserved:
                var claim = new ReservationClaim(sale.Id, admission.CustomerId, reply.Shard!.Value, reply.Reservation!.Id);
                var response = ReservationResponse.From(sale, claim, tokens.Issue(claim), reply.Reservation);
                return reply.Outcome == CustomerReserveOutcome.Reserved
                    ? TypedResults.Created($"/api/v1/sales/{sale.Id}/reservations/{response.ReservationToken}", response)
                    : TypedResults.Ok(response);
            case CustomerReserveOutcome.LimitReached:
                return Problems.LimitReached(sale.PerCustomerLimit);
            default:
                var fresh = await monitor.RefreshAsync(sale, cancellationToken);
                return Problems.SoldOut(mayReopen: fresh.Reserved > 0);
        }
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetReservation(
        string id, string token, SaleCatalog catalog, SaleActors actors, SaleTokens tokens, CancellationToken cancellationToken)
    {
        if (tokens.ReadReservation(token) is not { } claim || claim.SaleId != id)
        {
            return Problems.InvalidToken("reservation");
        }
        if (await catalog.FindAsync(id, cancellationToken) is not { } sale)
        {
            return Problems.SaleNotFound(id);
        }
        return await actors.FindAsync(sale, claim.Shard, claim.ReservationId, cancellationToken) is { } reservation
            ? TypedResults.Ok(ReservationResponse.From(sale, claim, token, reservation))
            : Problems.ReservationNotFound();
    }
}
