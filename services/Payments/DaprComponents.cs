namespace AmazonScale.Payments;

/// <summary>The Dapr component names this service uses (the same in every components/ profile).</summary>
public static class DaprComponents
{
    /// <summary>Payment and refund records (written once each: the idempotency of the simulator).</summary>
    public const string StateStore = "statestore";

    /// <summary>Work-queue pub/sub carrying the checkout saga's events.</summary>
    public const string PubSub = "pubsub";
}
