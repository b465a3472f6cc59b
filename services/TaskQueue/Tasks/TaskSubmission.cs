using System.Collections.Concurrent;
using AmazonScale.Orchestrations;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;
using AmazonScale.TaskQueue.Workflows;

namespace AmazonScale.TaskQueue.Tasks;

/// <summary>
/// Creates tasks: the task actor first (idempotent on the id), then, for a task with dependencies, its dependency
/// workflow and its registration with each dependency. Every step is idempotent, so a repeated submission with the
/// same Idempotency-Key also finishes the wiring of one that failed half-way.
/// </summary>
public sealed class TaskSubmission(TaskActors actors, DaprWorkflowClient workflows)
{
    private readonly ConcurrentDictionary<string, bool> _knownTypes = new(StringComparer.Ordinal);

    public async Task<TaskCreation> CreateAsync(string id, TaskSpec spec, CancellationToken cancellationToken)
    {
        if (_knownTypes.TryAdd(spec.TaskType, true))
        {
            await actors.Registry().InvokeMethodAsync(nameof(IRegistryActor.AddTaskType), spec.TaskType, cancellationToken);
        }
        var creation = await actors.Task(id).InvokeMethodAsync<CreateTask, TaskCreation>(nameof(ITaskActor.Create), new CreateTask(spec), cancellationToken);
        var dependencies = creation.Task.Spec.Dependencies;
        if (dependencies.Count == 0)
        {
            return creation;
        }
        var instanceId = TaskDependenciesWorkflow.InstanceId(id);
        await workflows.ScheduleNewWorkflowAsync(nameof(TaskDependenciesWorkflow), instanceId, new DependenciesInput(id, dependencies), cancellationToken);
        foreach (var dependency in dependencies)
        {
            var registration = await actors.Task(dependency).InvokeMethodAsync<string, DependantRegistration?>(nameof(ITaskActor.AddDependant), id, cancellationToken);
            if (registration is { Ended: true })
            {
                await workflows.RaiseEventAsync(instanceId, TaskActor.DependencyEvent, new DependencyEnded(dependency, registration.Succeeded), cancellationToken);
            }
        }
        return creation;
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken) is not null;

    public Task<TaskRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        actors.Task(id).InvokeMethodAsync<TaskRecord?>(nameof(ITaskActor.Get), cancellationToken);
}
