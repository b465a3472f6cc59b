using System.Text.Json;
using AmazonScale.Orchestrations.Engine;
using AmazonScale.Orchestrations.Engine.Instances;
using Dapr;
using Dapr.Actors.Runtime;

namespace AmazonScale.Orchestrations.Actors;

/// <summary>
/// A workflow instance as a Dapr actor: its state is the instance's history, inbox and outbox; its
/// reminders are the instance's durable timers and the redelivery of unacknowledged work. The runtime's
/// turn-based concurrency serializes everything that touches one instance.
/// </summary>
public sealed class OrchestrationActor(ActorHost host, OrchestrationServices services) : Actor(host), IOrchestrationActor, IRemindable, IInstanceScheduler
{
    private const string RedeliveryReminder = "redelivery";
    private const string TimerReminderPrefix = "timer-";

    private OrchestrationProcessor Processor => new(Id.GetId(), new ActorInstanceStore(StateManager), this, services.Stepper, services.Time);

    public Task<ScheduleResult> ScheduleAsync(StartRequest request) => Processor.ScheduleAsync(request, CancellationToken.None);

    public Task<bool> AddEventAsync(InboundEvent inbound) => Processor.AddEventAsync(inbound, CancellationToken.None);

    public Task AcknowledgeAsync(Acknowledgement acknowledgement) => Processor.AcknowledgeAsync(acknowledgement, CancellationToken.None);

    public Task<WorkflowState> GetStateAsync(bool includePayloads) => Processor.GetStateAsync(includePayloads, CancellationToken.None);

    public Task<bool> PurgeAsync() => Processor.PurgeAsync(CancellationToken.None);

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period) =>
        reminderName == RedeliveryReminder
            ? Processor.OnRedeliveryDueAsync(CancellationToken.None)
            : Processor.OnTimerDueAsync(JsonSerializer.Deserialize<TimerDue>(state, WorkflowJson.Options)!, CancellationToken.None);

    Task IInstanceScheduler.ScheduleRedeliveryAsync(CancellationToken cancellationToken) =>
        RegisterReminderAsync(RedeliveryReminder, null, services.RedeliveryInterval, services.RedeliveryInterval);

    Task IInstanceScheduler.CancelRedeliveryAsync(CancellationToken cancellationToken) => UnregisterIfPresentAsync(RedeliveryReminder);

    /// <summary>The reminder keeps its period after the due time, so a tick missed while the app was down is retried.</summary>
    Task IInstanceScheduler.RegisterTimerAsync(RegisterTimer timer, CancellationToken cancellationToken)
    {
        var dueIn = timer.FireAt - services.Time.GetUtcNow();
        var state = JsonSerializer.SerializeToUtf8Bytes(new TimerDue(timer.ExecutionId, timer.TaskId), WorkflowJson.Options);
        return RegisterReminderAsync(TimerReminder(timer.ExecutionId, timer.TaskId), state, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, services.RedeliveryInterval);
    }

    Task IInstanceScheduler.CancelTimerAsync(string executionId, int taskId, CancellationToken cancellationToken) =>
        UnregisterIfPresentAsync(TimerReminder(executionId, taskId));

    void IInstanceScheduler.Dispatch(string instanceId, IReadOnlyList<OutboxMessage> messages) => services.Dispatcher.Dispatch(instanceId, messages);

    private static string TimerReminder(string executionId, int taskId) => $"{TimerReminderPrefix}{executionId[..12]}-{taskId}";

    /// <summary>Runtimes differ on deleting an unknown reminder (daprd ≥ 1.17 answers 404); either way it is gone.</summary>
    private async Task UnregisterIfPresentAsync(string reminderName)
    {
        try
        {
            await UnregisterReminderAsync(reminderName);
        }
        catch (DaprApiException)
        {
        }
    }
}
