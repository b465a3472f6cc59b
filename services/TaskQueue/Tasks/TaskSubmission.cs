using System.Collections.Concurrent;
using AmazonScale.Orchestrations;
using AmazonScale.TaskQueue.Actors;
using AmazonScale.TaskQueue.Domain;
using AmazonScale.TaskQueue.Workflows;

namespace AmazonScale.TaskQueue.Tasks;

/// <summary>
/// Creates tasks: the records first, one call per shard for all of a submission's tasks in that shard (idempotent on
/// the id), then, for each task with dependencies in dependency order, its dependency workflow and its registration
/// with each dependency. Every step is idempotent, so a repeated submission with the same Idempotency-Key also
/// finishes the wiring of one that failed half-way.
/// </summary>
public sealed class TaskSubmission(TaskActors actors, ShardCalls shards, DaprWorkflowClient workflows, TaskQueueOptions options)
{
    private readonly ConcurrentDictionary<string, bool> _knownTypes = new(StringComparer.Ordinal);

    /// <summary>A new task's id: derived from the idempotency key when there is one, else random, in one of the type's shards.</summary>
    public string NewId(string taskType, string? idempotencyKey) => idempotencyKey is null
        ? TaskIds.New(taskType, Random.Shared.Next(options.ShardsPerType))
        : TaskIds.FromIdempotencyKey(idempotencyKey, taskType, options.ShardsPerType);

    /// <param name="tasks">In dependency order: a task's dependencies from the same submission come before it.</param>
    /// <param name="withRecords">Whether each creation carries the task's whole record (else ids and states only).</param>
    /// <returns>One creation per task, in the same order.</returns>
    public async Task<IReadOnlyList<TaskCreation>> CreateAsync(IReadOnlyList<NewTask> tasks, bool withRecords, CancellationToken cancellationToken)
    {
        foreach (var taskType in tasks.Select(task => task.Spec.TaskType).Distinct().Where(type => _knownTypes.TryAdd(type, true)))
        {
            await actors.Registry().InvokeMethodAsync(nameof(IRegistryActor.AddTaskType), taskType, cancellationToken);
        }
        var byShard = tasks.GroupBy(task => TaskIds.ShardOf(task.Id)).ToList();
        var created = await Task.WhenAll(byShard.Select(shard => shards.CreateAsync(shard.Key, shard.ToList(), withRecords, cancellationToken)));
        var creations = created.SelectMany(shard => shard).ToDictionary(creation => creation.Id, StringComparer.Ordinal);
        foreach (var task in tasks.Where(task => creations[task.Id].Dependencies.Count > 0))
        {
            await WireDependenciesAsync(task.Id, creations[task.Id].Dependencies, cancellationToken);
        }
        return tasks.Select(task => creations[task.Id]).ToList();
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken) is not null;

    public Task<TaskRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        actors.ShardOf(id).InvokeMethodAsync<string, TaskRecord?>(nameof(ITaskShardActor.Get), id, cancellationToken);

    private async Task WireDependenciesAsync(string id, IReadOnlyList<string> dependencies, CancellationToken cancellationToken)
    {
        var instanceId = TaskDependenciesWorkflow.InstanceId(id);
        await workflows.ScheduleNewWorkflowAsync(nameof(TaskDependenciesWorkflow), instanceId, new DependenciesInput(id, dependencies), cancellationToken);
        foreach (var dependency in dependencies)
        {
            var registration = await actors.ShardOf(dependency).InvokeMethodAsync<AddDependant, DependantRegistration?>(
                nameof(ITaskShardActor.AddDependant), new AddDependant(dependency, id), cancellationToken);
            if (registration is { Ended: true })
            {
                await workflows.RaiseEventAsync(instanceId, TaskDependenciesWorkflow.DependencyEvent, new DependencyEnded(dependency, registration.Succeeded), cancellationToken);
            }
        }
    }
}
