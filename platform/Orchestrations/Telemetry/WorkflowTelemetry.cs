using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AmazonScale.Orchestrations.Telemetry;

/// <summary>
/// Spans (one per instance run — each replay step — and one per activity execution) and metrics named per
/// OpenTelemetry conventions. AddDaprWorkflow adds both to the app's OpenTelemetry providers.
/// </summary>
public static class WorkflowTelemetry
{
    public const string Name = "AmazonScale.Orchestrations";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "workflow.instance.started", "{instance}", "Workflow instances created.");

    private static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "workflow.instance.finished", "{instance}", "Workflow instances that reached a terminal status (workflow.status).");

    private static readonly Histogram<double> ActivityDuration = Meter.CreateHistogram<double>(
        "workflow.activity.duration", "s", "Duration of activity executions.");

    public static Activity? StartRun(string workflowName, string instanceId, string executionId)
    {
        var activity = Source.StartActivity($"workflow {workflowName}", ActivityKind.Internal);
        activity?.SetTag("workflow.name", workflowName);
        activity?.SetTag("workflow.instance_id", instanceId);
        activity?.SetTag("workflow.execution_id", executionId);
        return activity;
    }

    public static Activity? StartActivityExecution(string activityName, string instanceId, int taskId, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, out var parent);
        var activity = Source.StartActivity($"activity {activityName}", ActivityKind.Internal, parent);
        activity?.SetTag("workflow.instance_id", instanceId);
        activity?.SetTag("workflow.activity.name", activityName);
        activity?.SetTag("workflow.task_id", taskId);
        return activity;
    }

    public static void InstanceStarted(string workflowName) =>
        Started.Add(1, new KeyValuePair<string, object?>("workflow.name", workflowName));

    public static void InstanceFinished(string workflowName, WorkflowRuntimeStatus status) =>
        Finished.Add(1, new KeyValuePair<string, object?>("workflow.name", workflowName),
            new KeyValuePair<string, object?>("workflow.status", status.ToString().ToLowerInvariant()));

    public static void ActivityExecuted(string activityName, bool succeeded, TimeSpan duration) =>
        ActivityDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("workflow.activity.name", activityName),
            new KeyValuePair<string, object?>("workflow.activity.outcome", succeeded ? "succeeded" : "failed"));
}
