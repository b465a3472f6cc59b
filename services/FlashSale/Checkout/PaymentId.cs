namespace AmazonScale.FlashSale.Checkout;

/// <summary>The payment id of a reservation: stable, so every retry and reconciliation names the same payment.</summary>
public static class PaymentId
{
    public static string For(string saleId, string publicReservationId) => $"{saleId}-{publicReservationId}";
}
