namespace AmazonScale.FlashSale.Events;

/// <summary>A payment succeeded after its reservation had expired: nothing was sold, the money goes back.</summary>
public sealed record RefundRequested(string PaymentId, string SaleId, string ReservationId, decimal Amount, string Currency);
