namespace AmazonScale.FlashSale.Events;

/// <summary>Checkout asks the payment provider to charge for one reservation; PaymentId is stable per reservation, so re-publishing is safe.</summary>
public sealed record PaymentRequested(string PaymentId, string SaleId, string ReservationId, string CustomerId, decimal Amount, string Currency, string Method);
