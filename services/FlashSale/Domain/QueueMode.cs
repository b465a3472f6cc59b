namespace AmazonScale.FlashSale.Domain;

/// <summary>How queue positions are given out.</summary>
public enum QueueMode
{
    /// <summary>Position = order of joining.</summary>
    Fifo,

    /// <summary>Everyone who joined before the start is put in a random order at the start; later joiners follow in FIFO order.</summary>
    Shuffled,
}
