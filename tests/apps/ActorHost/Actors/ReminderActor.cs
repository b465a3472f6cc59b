using System.Text;
using Dapr.Actors.Runtime;

namespace AmazonScale.TestActorHost.Actors;

public sealed class ReminderActor(ActorHost host, ActorEventLog log) : LoggedActor(host, log), IReminderActor, IRemindable
{
    public Task ScheduleReminderAsync(ScheduleSpec spec) => spec.Repetitions is { } repetitions
        ? RegisterReminderAsync(spec.Name, Encoding.UTF8.GetBytes(spec.Data), spec.DueTime, spec.Period, repetitions)
        : RegisterReminderAsync(spec.Name, Encoding.UTF8.GetBytes(spec.Data), spec.DueTime, spec.Period);

    public Task CancelReminderAsync(string name) => UnregisterReminderAsync(name);

    public async Task<string?> GetReminderPeriodAsync(string name) => (await GetReminderAsync(name))?.Period.ToString();

    public Task StartTimerAsync(ScheduleSpec spec) =>
        RegisterTimerAsync(spec.Name, nameof(OnTimerAsync), Encoding.UTF8.GetBytes(spec.Data), spec.DueTime, spec.Period);

    public Task StopTimerAsync(string name) => UnregisterTimerAsync(name);

    public Task TouchAsync() => Task.CompletedTask;

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        using (Log.Enter(nameof(ReminderActor), Id.GetId()))
        {
            Log.Record("reminder", nameof(ReminderActor), Id.GetId(), $"{reminderName}:{Encoding.UTF8.GetString(state)}");
        }
        return Task.CompletedTask;
    }

    public Task OnTimerAsync(byte[] data)
    {
        using (Log.Enter(nameof(ReminderActor), Id.GetId()))
        {
            Log.Record("timer", nameof(ReminderActor), Id.GetId(), Encoding.UTF8.GetString(data));
        }
        return Task.CompletedTask;
    }
}
