namespace AmazonScale.FlashSale.Events;

/// <summary>Compensation ran: the payment failed and the unit went back on sale.</summary>
public sealed record ReservationReleased(string SaleId, string ReservationId, string CustomerId, string Reason);
