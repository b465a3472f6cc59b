namespace AmazonScale.Payments.Events;

public sealed record PaymentCompleted(string PaymentId, string SaleId, string ReservationId, bool Succeeded, string? Reason);
