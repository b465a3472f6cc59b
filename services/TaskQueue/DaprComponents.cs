namespace AmazonScale.TaskQueue;

/// <summary>The Dapr component names this service uses (the same in every components/ profile).</summary>
public static class DaprComponents
{
    /// <summary>Also the actor state store: tasks, queues and the dead-letter queue are actors.</summary>
    public const string StateStore = "statestore";
}
