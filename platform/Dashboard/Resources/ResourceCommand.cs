namespace AmazonScale.Dashboard.Resources;

/// <summary>Actions the dashboard offers on a resource.</summary>
public enum ResourceCommand
{
    Start,
    Stop,
    Restart,
}
