using System.Text;
using Dapr.Actors.Runtime;

namespace AmazonScale.TestActorHost.Actors;

public sealed class ReminderActor(ActorHost host, ActorEventLog log) : LoggedActor(host, log), IReminderActor, IRemindable
{
    public const string FailTwice = "fail-twice";

    /// <summary>The name this instance was registered under (the class is hosted under two).</summary>
    private string TypeName => Host.ActorTypeInfo.ActorTypeName;

    public Task ScheduleReminderAsync(ScheduleSpec spec) => spec.Repetitions is { } repetitions
        ? RegisterReminderAsync(spec.Name, Encoding.UTF8.GetBytes(spec.Data), spec.DueTime, spec.Period, repetitions)
        : RegisterReminderAsync(spec.Name, Encoding.UTF8.GetBytes(spec.Data), spec.DueTime, spec.Period);

    public Task CancelReminderAsync(string name) => UnregisterReminderAsync(name);

    public async Task<string?> GetReminderPeriodAsync(string name) => (await GetReminderAsync(name))?.Period.ToString();

    public Task StartTimerAsync(ScheduleSpec spec) =>
        RegisterTimerAsync(spec.Name, nameof(OnTimerAsync), Encoding.UTF8.GetBytes(spec.Data), spec.DueTime, spec.Period);

    public Task StopTimerAsync(string name) => UnregisterTimerAsync(name);

    public Task TouchAsync() => Task.CompletedTask;

    /// <summary>Data "fail-twice" makes the first two deliveries throw, to exercise the sidecar's retries.</summary>
    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        var data = Encoding.UTF8.GetString(state);
        using (Log.Enter(TypeName, Id.GetId()))
        {
            if (data == FailTwice && Log.Of("reminder-failed", Id.GetId()).Count < 2)
            {
                Log.Record("reminder-failed", TypeName, Id.GetId(), reminderName);
                throw new InvalidOperationException("reminder callback failed on purpose");
            }
            Log.Record("reminder", TypeName, Id.GetId(), $"{reminderName}:{data}");
        }
        return Task.CompletedTask;
    }

    public Task OnTimerAsync(byte[] data)
    {
        using (Log.Enter(TypeName, Id.GetId()))
        {
            Log.Record("timer", TypeName, Id.GetId(), Encoding.UTF8.GetString(data));
        }
        return Task.CompletedTask;
    }
}
