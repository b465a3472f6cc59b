using AmazonScale.Orchestrations.Engine;

namespace AmazonScale.Orchestrations;

/// <summary>What a client sees of an instance (mirrors Dapr.Workflow's WorkflowState; also the body of GET /api/v1/workflows/{id}).</summary>
public sealed record WorkflowState
{
    public bool Exists { get; init; }
    public required string InstanceId { get; init; }
    public string? Name { get; init; }
    public WorkflowRuntimeStatus RuntimeStatus { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public string? SerializedInput { get; init; }
    public string? SerializedOutput { get; init; }
    public string? SerializedCustomStatus { get; init; }
    public WorkflowTaskFailureDetails? FailureDetails { get; init; }

    public bool IsWorkflowRunning => RuntimeStatus is WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Suspended;

    public bool IsWorkflowCompleted => RuntimeStatus.IsTerminal();

    public static WorkflowState NotFound(string instanceId) => new() { InstanceId = instanceId };

    public T ReadInputAs<T>() => WorkflowJson.Deserialize<T>(SerializedInput);

    public T ReadOutputAs<T>() => WorkflowJson.Deserialize<T>(SerializedOutput);

    public T ReadCustomStatusAs<T>() => WorkflowJson.Deserialize<T>(SerializedCustomStatus);
}
