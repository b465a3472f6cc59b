namespace AmazonScale.Hosting.Orchestration;

/// <summary>The dashboard's state and health vocabulary (Aspire's names).</summary>
public static class ResourceStates
{
    public const string NotStarted = "NotStarted";
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Exited = "Exited";
    public const string FailedToStart = "FailedToStart";
    public const string Stopping = "Stopping";
    public const string Finished = "Finished";

    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
}
