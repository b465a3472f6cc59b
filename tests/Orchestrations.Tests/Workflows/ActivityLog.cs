using System.Collections.Concurrent;

namespace AmazonScale.Orchestrations.Tests.Workflows;

/// <summary>Side effects of test activities, to count executions (at-least-once) and their timing.</summary>
public sealed class ActivityLog
{
    private readonly ConcurrentQueue<(string Activity, string InstanceId, DateTimeOffset At)> _entries = new();

    public void Record(WorkflowActivityContext context) => _entries.Enqueue((context.Name, context.InstanceId, DateTimeOffset.UtcNow));

    public int Count(string activity, string instanceId) => _entries.Count(e => e.Activity == activity && e.InstanceId == instanceId);

    public IReadOnlyList<DateTimeOffset> Times(string activity, string instanceId) =>
        [.. _entries.Where(e => e.Activity == activity && e.InstanceId == instanceId).Select(e => e.At)];
}
