namespace AmazonScale.Sessions;

/// <summary>The Dapr component names this service uses (the same in every components/ profile).</summary>
public static class DaprComponents
{
    /// <summary>Actor state (sessions, per-user indexes) and reminders; must set actorStateStore: true.</summary>
    public const string StateStore = "statestore";

    /// <summary>Work-queue pub/sub: security events for the activity / metrics services.</summary>
    public const string PubSub = "pubsub";

    /// <summary>Fan-out pub/sub: every instance receives each revocation (its YAML sets consumerID: "{uuid}").</summary>
    public const string Broadcast = "broadcast";
}
