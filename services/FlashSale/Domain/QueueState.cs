namespace AmazonScale.FlashSale.Domain;

public enum QueueState
{
    Waiting,
    Admitted,

    /// <summary>Nothing available; <see cref="QueueStanding.MayReopen"/> tells whether reservations could still expire.</summary>
    SoldOut,

    /// <summary>The sale ended, or the customer was admitted and let the admission window pass.</summary>
    Expired,
}
