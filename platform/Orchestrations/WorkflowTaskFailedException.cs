namespace AmazonScale.Orchestrations;

/// <summary>Thrown into workflow code when an activity or child workflow failed (after its retries).</summary>
public sealed class WorkflowTaskFailedException(string message, WorkflowTaskFailureDetails failureDetails) : Exception(message)
{
    public WorkflowTaskFailureDetails FailureDetails { get; } = failureDetails;
}
