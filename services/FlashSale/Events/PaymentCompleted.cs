namespace AmazonScale.FlashSale.Events;

/// <summary>The payment provider's answer (published by the payments service).</summary>
public sealed record PaymentCompleted(string PaymentId, string SaleId, string ReservationId, bool Succeeded, string? Reason);
