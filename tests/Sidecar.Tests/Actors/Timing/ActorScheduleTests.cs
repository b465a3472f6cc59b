using AmazonScale.Sidecar.Actors.Timing;

namespace AmazonScale.Sidecar.Tests.Actors.Timing;

public sealed class ActorScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_shot_finishes_after_its_first_fire()
    {
        var schedule = ActorSchedule.Create("1s", null, null, Now);
        Assert.Equal(Now.AddSeconds(1), schedule.NextDue);
        Assert.False(schedule.IsDue(Now));
        Assert.True(schedule.IsDue(Now.AddSeconds(1)));
        Assert.True(schedule.Advance(Now.AddSeconds(1)).IsFinished);
    }

    [Fact]
    public void Periods_count_from_the_previous_due_time_not_from_completion()
    {
        var schedule = ActorSchedule.Create("0s", "10s", null, Now);
        var next = schedule.Advance(Now.AddSeconds(3));
        Assert.Equal(Now.AddSeconds(10), next.NextDue);
    }

    [Fact]
    public void Repetitions_are_counted_down_to_the_last_fire()
    {
        var schedule = ActorSchedule.Create("0s", "R3/PT1S", null, Now);
        var fires = 0;
        var clock = Now;
        while (!schedule.IsFinished)
        {
            fires++;
            clock = schedule.NextDue!.Value;
            schedule = schedule.Advance(clock);
        }
        Assert.Equal(3, fires);
        Assert.Equal(Now.AddSeconds(2), clock);
    }

    [Fact]
    public void Ttl_stops_the_schedule_before_repetitions_run_out()
    {
        var schedule = ActorSchedule.Create("0s", "1s", "2500ms", Now);
        var fires = new List<DateTimeOffset>();
        while (!schedule.IsFinished)
        {
            fires.Add(schedule.NextDue!.Value);
            schedule = schedule.Advance(schedule.NextDue!.Value);
        }
        Assert.Equal([Now, Now.AddSeconds(1), Now.AddSeconds(2)], fires);
    }

    [Fact]
    public void Missed_ticks_fire_once_on_catch_up()
    {
        var schedule = ActorSchedule.Create("0s", "1s", null, Now);
        var afterOutage = Now.AddSeconds(10.5);
        var next = schedule.Advance(afterOutage);
        Assert.Equal(Now.AddSeconds(10), next.NextDue);
        Assert.Equal(Now.AddSeconds(11), next.Advance(afterOutage).NextDue);
    }

    [Fact]
    public void First_due_time_after_ttl_never_fires() =>
        Assert.True(ActorSchedule.Create("10s", null, "2026-05-01T10:00:05Z", Now).ExpireIfPastTtl().IsFinished);

    [Fact]
    public void Malformed_parts_are_rejected() =>
        Assert.Throws<ActorTimeFormatException>(() => ActorSchedule.Create("1s", "every minute", null, Now));
}
