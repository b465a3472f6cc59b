namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>
/// The durable clock and dispatch of one instance: on actors, reminders of the instance's actor and the
/// app's outbox dispatcher.
/// </summary>
public interface IInstanceScheduler
{
    /// <summary>A periodic wake-up that re-dispatches the outbox until it is empty (survives crashes).</summary>
    Task ScheduleRedeliveryAsync(CancellationToken cancellationToken);

    Task CancelRedeliveryAsync(CancellationToken cancellationToken);

    Task RegisterTimerAsync(RegisterTimer timer, CancellationToken cancellationToken);

    Task CancelTimerAsync(string executionId, int taskId, CancellationToken cancellationToken);

    /// <summary>Hands messages to the background delivery; it acknowledges each one to the instance when done.</summary>
    void Dispatch(string instanceId, IReadOnlyList<OutboxMessage> messages);
}
