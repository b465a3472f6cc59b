namespace AmazonScale.FlashSale.Events;

/// <summary>A unit is sold. OrderId = reservation id: consumers deduplicate redeliveries on it.</summary>
public sealed record OrderConfirmed(string OrderId, string SaleId, string Sku, string CustomerId, string PaymentId, decimal Amount, string Currency);
