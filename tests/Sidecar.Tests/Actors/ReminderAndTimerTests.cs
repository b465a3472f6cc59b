using AmazonScale.TestActorHost;
using AmazonScale.TestActorHost.Actors;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>Reminders and timers registered by a real Dapr.Actors actor and fired back into it by the sidecar.</summary>
public sealed class ReminderAndTimerTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Long enough that a tick which should not happen would have happened.</summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(1_200);

    private ActorNode Node => fixture.Node;

    private int Count(string kind, string actorId) => Node.Log.Of(kind, actorId).Count;

    [Fact]
    public async Task Reminder_with_repetitions_fires_exactly_that_often_with_its_data()
    {
        var actor = Node.Proxy<IReminderActor>("rem-reps", nameof(ReminderActor));
        var beforeRegistration = DateTimeOffset.UtcNow;
        await actor.ScheduleReminderAsync(new ScheduleSpec("tick", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), 3, "payload"));

        // The SDK reads the registration back through GET .../reminders/tick and parses the echoed period.
        Assert.Equal(TimeSpan.FromSeconds(1).ToString(), await actor.GetReminderPeriodAsync("tick"));
        await Eventually.TrueAsync(() => Count("reminder", "rem-reps") == 3, Timeout, "three reminder fires");
        await Task.Delay(QuietPeriod);

        var fires = Node.Log.Of("reminder", "rem-reps");
        Assert.Equal(3, fires.Count);
        Assert.All(fires, fire => Assert.Equal("tick:payload", fire.Detail));
        // Ticks keep their period: the third is due 50 ms + 2 periods after the registration and never fires early,
        // however late a loaded machine delivers the first one (so it is measured from before the registration).
        Assert.InRange((fires[2].At - beforeRegistration).TotalMilliseconds, 2_050, 12_000);
    }

    [Fact]
    public async Task Failed_reminder_delivery_is_retried()
    {
        var actor = Node.Proxy<IReminderActor>("rem-flaky", nameof(ReminderActor));
        await actor.ScheduleReminderAsync(new ScheduleSpec("flaky", TimeSpan.Zero, TimeSpan.FromHours(1), null, ReminderActor.FailTwice));

        await Eventually.TrueAsync(() => Count("reminder", "rem-flaky") == 1, Timeout, "delivery after two failed attempts");
        Assert.Equal(2, Count("reminder-failed", "rem-flaky"));
    }

    [Fact]
    public async Task Unregistering_a_reminder_stops_it()
    {
        var actor = Node.Proxy<IReminderActor>("rem-stop", nameof(ReminderActor));
        await actor.ScheduleReminderAsync(new ScheduleSpec("beat", TimeSpan.Zero, TimeSpan.FromMilliseconds(200), null, ""));
        await Eventually.TrueAsync(() => Count("reminder", "rem-stop") >= 2, Timeout, "the reminder to fire twice");

        await actor.CancelReminderAsync("beat");
        var afterCancel = Count("reminder", "rem-stop");
        await Task.Delay(QuietPeriod);

        Assert.Equal(afterCancel, Count("reminder", "rem-stop"));
        using var gone = await Node.Sidecar.Http.GetAsync("v1.0/actors/ReminderActor/rem-stop/reminders/beat");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Timer_fires_its_callback_with_data_until_unregistered()
    {
        var actor = Node.Proxy<IReminderActor>("timer-1", TestActorsSetup.TimerActorType);
        await actor.StartTimerAsync(new ScheduleSpec("t", TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(150), null, "tick-data"));
        await Eventually.TrueAsync(() => Count("timer", "timer-1") >= 3, Timeout, "three timer fires");

        await actor.StopTimerAsync("t");
        var afterStop = Count("timer", "timer-1");
        await Task.Delay(QuietPeriod);

        Assert.Equal(afterStop, Count("timer", "timer-1"));
        Assert.All(Node.Log.Of("timer", "timer-1"), fire => Assert.Equal("tick-data", fire.Detail));
    }

    [Fact]
    public async Task Timers_die_with_the_activation()
    {
        var actor = Node.Proxy<IReminderActor>("timer-idle", nameof(ReminderActor));
        // First due after the idle timeout: the activation is gone before the timer would fire.
        var dueAfterIdle = TestActorsSetup.ReminderIdleTimeout * 3;
        await actor.StartTimerAsync(new ScheduleSpec("late", dueAfterIdle, dueAfterIdle, null, ""));

        await Eventually.TrueAsync(() => Count("deactivated", "timer-idle") == 1, Timeout, "idle deactivation");
        await Task.Delay(dueAfterIdle + QuietPeriod);

        Assert.Equal(0, Count("timer", "timer-idle"));
    }

    /// <summary>
    /// The reminder must find the actor deactivated. A loaded machine may deactivate it later than the due time, and
    /// then the reminder reaches the still-active actor and proves nothing: such a round is repeated with a later due time.
    /// </summary>
    [Fact]
    public async Task Reminder_reactivates_an_idle_actor()
    {
        const int LastRound = 3;
        for (var round = 0; ; round++)
        {
            var id = $"rem-wake-{round}";
            var dueTime = TestActorsSetup.ReminderIdleTimeout * (3 << round);
            var actor = Node.Proxy<IReminderActor>(id, nameof(ReminderActor));
            await actor.ScheduleReminderAsync(new ScheduleSpec("wake", dueTime, TimeSpan.FromHours(1), null, "up"));

            await Eventually.TrueAsync(() => Count("deactivated", id) >= 1, Timeout + dueTime, "idle deactivation");
            await Eventually.TrueAsync(() => Count("reminder", id) == 1, Timeout + dueTime, "the reminder to fire");
            var lifecycle = Node.Log.Events.Where(e => e.ActorId == id && e.Kind is "activated" or "deactivated" or "reminder").Select(e => e.Kind).ToList();
            if (lifecycle.IndexOf("reminder") < lifecycle.IndexOf("deactivated") && round < LastRound)
            {
                continue;
            }
            Assert.Equal(["activated", "deactivated", "activated", "reminder"], lifecycle.Take(4));
            return;
        }
    }

    [Fact]
    public async Task Callbacks_and_method_calls_never_overlap()
    {
        var actor = Node.Proxy<IReminderActor>("rem-turns", nameof(ReminderActor));
        await actor.ScheduleReminderAsync(new ScheduleSpec("fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(20), null, ""));
        await actor.StartTimerAsync(new ScheduleSpec("fast-timer", TimeSpan.Zero, TimeSpan.FromMilliseconds(20), null, ""));
        await Eventually.TrueAsync(() => Count("reminder", "rem-turns") >= 10 && Count("timer", "rem-turns") >= 10, Timeout, "many fires");
        await actor.CancelReminderAsync("fast");
        await actor.StopTimerAsync("fast-timer");
        Assert.Equal(1, Node.Log.MaxConcurrency);
    }
}
