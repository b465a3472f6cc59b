using System.Collections.Concurrent;

namespace AmazonScale.Orchestrations.Tests.Engine;

/// <summary>
/// What survives a crash of <see cref="InMemoryWorkflowHost"/>: instance documents (serialized JSON, as an
/// actor state store would hold them) and registered reminders.
/// </summary>
public sealed class InMemoryStorage
{
    public sealed record Reminder(DateTimeOffset DueAt, TimeSpan Period, Func<AmazonScale.Orchestrations.Engine.Instances.OrchestrationProcessor, Task> Fire);

    public ConcurrentDictionary<string, (string Record, string History)> Instances { get; } = new();

    public ConcurrentDictionary<(string InstanceId, string Name), Reminder> Reminders { get; } = new();
}
