namespace AmazonScale.RateLimiter;

/// <summary>The Dapr component names this service uses (the same in every components/ profile).</summary>
public static class DaprComponents
{
    public const string StateStore = "statestore";

    /// <summary>Work-queue pub/sub: one instance of the service receives each event.</summary>
    public const string PubSub = "pubsub";

    /// <summary>Fan-out pub/sub: every instance receives each event (its YAML sets consumerID: "{uuid}").</summary>
    public const string Broadcast = "broadcast";
}
