using System.Diagnostics;
using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Engine.Instances;
using AmazonScale.Orchestrations.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace AmazonScale.Orchestrations.Engine.Activities;

/// <summary>Runs one activity in its own DI scope and turns the outcome into the TaskCompleted/TaskFailed to record.</summary>
public sealed class ActivityExecutor(WorkflowRegistry registry, IServiceScopeFactory scopes, WorkflowRuntimeOptions options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentActivities);

    public async Task<HistoryEvent> ExecuteAsync(string instanceId, RunActivity run, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        using var span = WorkflowTelemetry.StartActivityExecution(run.Name, instanceId, run.TaskId, run.TraceParent);
        var started = time.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var activity = registry.CreateActivity(run.Name, scope.ServiceProvider)
                ?? throw new InvalidOperationException($"activity '{run.Name}' is not registered in this app");
            var context = new WorkflowActivityContext(run.Name, instanceId, run.TaskId, cancellationToken);
            var result = await activity.RunAsync(context, WorkflowJson.Deserialize(run.Input, activity.InputType));
            WorkflowTelemetry.ActivityExecuted(run.Name, succeeded: true, time.GetElapsedTime(started));
            return new TaskCompleted(time.GetUtcNow(), run.TaskId, WorkflowJson.Serialize(result));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            WorkflowTelemetry.ActivityExecuted(run.Name, succeeded: false, time.GetElapsedTime(started));
            return new TaskFailed(time.GetUtcNow(), run.TaskId, WorkflowTaskFailureDetails.From(ex));
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
