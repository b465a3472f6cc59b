using Dapr.Actors;

namespace AmazonScale.TestActorHost.Actors;

public sealed record ScheduleSpec(string Name, TimeSpan DueTime, TimeSpan Period, int? Repetitions, string Data);

public interface IReminderActor : IActor
{
    Task ScheduleReminderAsync(ScheduleSpec spec);

    Task CancelReminderAsync(string name);

    /// <summary>The reminder as the sidecar reports it, or null.</summary>
    Task<string?> GetReminderPeriodAsync(string name);

    Task StartTimerAsync(ScheduleSpec spec);

    Task StopTimerAsync(string name);

    Task TouchAsync();
}
