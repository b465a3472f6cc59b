namespace AmazonScale.Payments.Domain;

/// <summary>The one verdict a payment id ever gets (stored first-write-wins, so redelivered requests repeat it).</summary>
public sealed record PaymentRecord(string PaymentId, string SaleId, string ReservationId, decimal Amount, string Currency, SandboxOutcome Outcome, string? Reason, DateTimeOffset At);
