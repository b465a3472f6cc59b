namespace AmazonScale.FlashSale;

/// <summary>The Dapr component names this service uses (the same in every components/ profile).</summary>
public static class DaprComponents
{
    /// <summary>Sale definitions, queue tickets and customer records; also the actor state store (inventory, queue, reminders).</summary>
    public const string StateStore = "statestore";

    /// <summary>Work-queue pub/sub: one instance of each subscribing app receives each event (the payment saga).</summary>
    public const string PubSub = "pubsub";
}
