namespace AmazonScale.Payments.Domain;

public sealed record RefundRecord(string PaymentId, decimal Amount, string Currency, DateTimeOffset At);
