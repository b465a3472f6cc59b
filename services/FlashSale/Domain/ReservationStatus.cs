namespace AmazonScale.FlashSale.Domain;

public enum ReservationStatus
{
    /// <summary>Holding one unit until it expires.</summary>
    Reserved,

    /// <summary>Checkout started: a payment was requested; still expires at the same time.</summary>
    Paying,

    /// <summary>Paid: the unit is sold (final).</summary>
    Sold,

    /// <summary>The unit went back to available: expired or payment failed (final).</summary>
    Released,
}
