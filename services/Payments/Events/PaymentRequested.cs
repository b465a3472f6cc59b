namespace AmazonScale.Payments.Events;

/// <summary>Published by flash-sale's checkout (same shape there).</summary>
public sealed record PaymentRequested(string PaymentId, string SaleId, string ReservationId, string CustomerId, decimal Amount, string Currency, string Method);
