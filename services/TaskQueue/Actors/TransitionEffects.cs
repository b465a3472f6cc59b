using AmazonScale.Orchestrations;
using AmazonScale.TaskQueue.Domain;
using AmazonScale.TaskQueue.Workflows;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>
/// What a task's state change causes outside its shard: the retry workflow of the next attempt, its dead-letter entry,
/// its dependants told it ended. All are idempotent (workflow instance ids name task and attempt, the dead-letter queue
/// is keyed by task, dependency events by dependency), so a turn that fails after running them may run them again.
/// </summary>
public sealed class TransitionEffects(TaskActors actors, DaprWorkflowClient workflows)
{
    public Task ApplyAsync(IReadOnlyList<TaskTransition> transitions) => Task.WhenAll(transitions.Select(ApplyAsync));

    private async Task ApplyAsync(TaskTransition transition)
    {
        var (record, previous) = transition;
        var state = record.State;
        if (state == TaskState.RetryWaiting)
        {
            var attempt = record.Attempt + 1;
            await workflows.ScheduleNewWorkflowAsync(nameof(TaskRetryWorkflow), TaskRetryWorkflow.InstanceId(record.Id, attempt),
                new RetryInput(record.Id, attempt, record.NextAttemptAt!.Value));
        }
        if (state == TaskState.DeadLettered)
        {
            await actors.DeadLetters().InvokeMethodAsync(nameof(IDeadLetterActor.Add),
                new DeadLetter(record.Id, record.Spec.TaskType, record.Error, record.Attempt, record.UpdatedAt));
        }
        if (previous == TaskState.DeadLettered)
        {
            await actors.DeadLetters().InvokeMethodAsync<string, bool>(nameof(IDeadLetterActor.Remove), record.Id);
        }
        if (state.IsFinal())
        {
            await Task.WhenAll(record.Dependants.Select(dependant => workflows.RaiseEventAsync(TaskDependenciesWorkflow.InstanceId(dependant),
                TaskDependenciesWorkflow.DependencyEvent, new DependencyEnded(record.Id, state == TaskState.Succeeded))));
        }
    }
}
