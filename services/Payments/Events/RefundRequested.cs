namespace AmazonScale.Payments.Events;

/// <summary>Published by flash-sale when a payment succeeded after its reservation expired.</summary>
public sealed record RefundRequested(string PaymentId, string SaleId, string ReservationId, decimal Amount, string Currency);
