using System.Diagnostics.Metrics;

namespace AmazonScale.TaskQueue;

/// <summary>Instruments on the Meter named after the app (ServiceDefaults exports that Meter).</summary>
public sealed class TaskQueueMetrics
{
    private readonly Counter<long> _created;
    private readonly Counter<long> _dispatched;
    private readonly Histogram<double> _wait;
    private readonly TimeProvider _time;

    public TaskQueueMetrics(IMeterFactory meters, IHostEnvironment environment, TimeProvider time)
    {
        var meter = meters.Create(environment.ApplicationName);
        _created = meter.CreateCounter<long>("task_queue.tasks.created", "{task}", "Tasks created.");
        _dispatched = meter.CreateCounter<long>("task_queue.tasks.dispatched", "{task}", "Leases handed to workers.");
        _wait = meter.CreateHistogram<double>("task_queue.dispatch.wait", "s", "Time from ready to leased.");
        _time = time;
    }

    public void Created(string taskType) => _created.Add(1, new KeyValuePair<string, object?>("task_queue.task_type", taskType));

    public void Dispatched(string taskType, DateTimeOffset readySince)
    {
        var type = new KeyValuePair<string, object?>("task_queue.task_type", taskType);
        _dispatched.Add(1, type);
        _wait.Record(Math.Max(0, (_time.GetUtcNow() - readySince).TotalSeconds), type);
    }
}
