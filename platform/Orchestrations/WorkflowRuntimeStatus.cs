using System.Text.Json.Serialization;

namespace AmazonScale.Orchestrations;

[JsonConverter(typeof(JsonStringEnumConverter<WorkflowRuntimeStatus>))]
public enum WorkflowRuntimeStatus
{
    Unknown,
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
    Suspended,
}

public static class WorkflowRuntimeStatusExtensions
{
    public static bool IsTerminal(this WorkflowRuntimeStatus status) =>
        status is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;
}
