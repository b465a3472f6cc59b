using System.Text.Json.Serialization;
using AmazonScale.Orchestrations.Engine.History;

namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>
/// Everything persisted for one workflow instance: metadata, the history of its current execution (stored
/// separately, one entry per event, by the store), the inbox of events not applied yet (kept while
/// suspended) and the outbox of work not yet acknowledged.
/// </summary>
public sealed class InstanceRecord
{
    public required string InstanceId { get; init; }
    public required string Name { get; init; }
    public required string ExecutionId { get; set; }
    public WorkflowRuntimeStatus Status { get; set; } = WorkflowRuntimeStatus.Pending;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }
    public string? CustomStatus { get; set; }
    public WorkflowTaskFailureDetails? Failure { get; set; }
    public ParentInstance? Parent { get; init; }
    public List<HistoryEvent> Inbox { get; set; } = [];
    public List<OutboxMessage> Outbox { get; init; } = [];
    public int NextMessageId { get; set; }

    /// <summary>Whether the redelivery reminder is registered (it is whenever the outbox is not empty).</summary>
    public bool RedeliveryScheduled { get; set; }

    [JsonIgnore]
    public List<HistoryEvent> History { get; set; } = [];

    public static InstanceRecord Create(string instanceId, StartRequest request, DateTimeOffset now)
    {
        var executionId = Guid.NewGuid().ToString("N");
        return new InstanceRecord
        {
            InstanceId = instanceId,
            Name = request.Name,
            ExecutionId = executionId,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = request.Input,
            Parent = request.Parent,
            Inbox = [new ExecutionStarted(now, request.Name, executionId, request.Input, request.Parent)],
        };
    }

    public void Send(Func<int, OutboxMessage> create) => Outbox.Add(create(NextMessageId++));

    public WorkflowState ToState(bool includePayloads) => new()
    {
        Exists = true,
        InstanceId = InstanceId,
        Name = Name,
        RuntimeStatus = Status,
        CreatedAt = CreatedAt,
        LastUpdatedAt = LastUpdatedAt,
        SerializedInput = includePayloads ? Input : null,
        SerializedOutput = includePayloads ? Output : null,
        SerializedCustomStatus = CustomStatus,
        FailureDetails = Failure,
    };
}
