namespace AmazonScale.FlashSale.BotDefence;

/// <param name="Allowed">Every limit (IP, customer, network) allows the join.</param>
/// <param name="NetworkBusy">The client's network is over the softer threshold: its joins need a solved challenge.</param>
public sealed record JoinVerdict(bool Allowed, bool NetworkBusy);
