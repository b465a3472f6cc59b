namespace AmazonScale.FlashSale.Checkout;

/// <summary>What the payment provider finally says about a payment, as reconciliation needs it.</summary>
public enum PaymentVerdict
{
    Succeeded,

    /// <summary>Declined, or voided because the request never reached the provider: nothing was charged.</summary>
    Failed,

    /// <summary>The provider has the request but no verdict yet: ask again later.</summary>
    Pending,
}
