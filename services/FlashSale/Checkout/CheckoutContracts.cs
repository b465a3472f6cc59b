using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Checkout;

/// <param name="PaymentMethod">A sandbox test method of the payments simulator: sandbox_ok (default), sandbox_declined, sandbox_no_answer.</param>
public sealed record CheckoutRequest(string? ReservationToken, string? PaymentMethod);

/// <summary>Checkout accepted: the outcome arrives asynchronously (poll the reservation: paying → sold or released).</summary>
public sealed record CheckoutResponse(string ReservationId, string PaymentId, ReservationStatus Status, DateTimeOffset ExpiresAt);
