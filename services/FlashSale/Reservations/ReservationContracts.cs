using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Reservations;

public sealed record ReserveRequest(string? AdmissionToken);

/// <param name="ReservationToken">Signed proof of ownership: needed for checkout and to read the reservation.</param>
public sealed record ReservationResponse(
    string ReservationId,
    string ReservationToken,
    string CustomerId,
    ReservationStatus Status,
    DateTimeOffset ExpiresAt,
    string? ReleaseReason,
    bool RefundRequested,
    string Sku,
    decimal Price,
    string Currency)
{
    public static ReservationResponse From(SaleDefinition sale, ReservationClaim claim, string token, ShardReservation reservation) => new(
        Actors.PublicReservationId.Format(claim.Shard, reservation.Id), token, reservation.CustomerId, reservation.Status, reservation.ExpiresAt,
        reservation.ReleaseReason, reservation.RefundRequested, sale.Sku, sale.Price, sale.Currency);
}
