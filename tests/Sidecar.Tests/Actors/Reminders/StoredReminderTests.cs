using AmazonScale.Sidecar.Actors;
using AmazonScale.Sidecar.Actors.Reminders;
using AmazonScale.Sidecar.Actors.Scheduling;

namespace AmazonScale.Sidecar.Tests.Actors.Reminders;

public sealed class StoredReminderTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static StoredReminder Register(DateTimeOffset at)
    {
        var registration = new ScheduleRequest("1s", "R3/PT1S", null, null, "\"aGk=\"");
        return StoredReminder.Create(new ActorKey("T", "1"), "r", registration, registration.ToSchedule(at), at);
    }

    [Fact]
    public void A_copy_further_along_the_same_registration_wins()
    {
        var registered = Register(Now);
        var fired = registered.WithSchedule(registered.Schedule.Advance(Now.AddSeconds(1)));
        Assert.True(fired.Supersedes(registered));
        Assert.False(registered.Supersedes(fired));
        Assert.False(registered.Supersedes(registered));
    }

    [Fact]
    public void A_later_registration_wins_even_with_an_earlier_due_time()
    {
        var old = Register(Now);
        var advanced = old.WithSchedule(old.Schedule.Advance(Now.AddSeconds(1)));
        var replacement = Register(Now.AddMilliseconds(500));
        Assert.True(replacement.Supersedes(advanced));
        Assert.False(advanced.Supersedes(replacement));
    }

    [Fact]
    public void Schedule_round_trips_through_the_stored_fields()
    {
        var reminder = Register(Now);
        Assert.Equal(Now.AddSeconds(1), reminder.Schedule.NextDue);
        Assert.Equal(3, reminder.Schedule.RemainingRepetitions);
        Assert.Equal("R3/PT1S", reminder.Schedule.Period!.Raw);
    }
}
