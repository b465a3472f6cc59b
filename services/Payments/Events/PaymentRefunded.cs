namespace AmazonScale.Payments.Events;

public sealed record PaymentRefunded(string PaymentId, string SaleId, string ReservationId, decimal Amount, string Currency);
