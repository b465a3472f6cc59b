namespace AmazonScale.Sidecar.Actors.Timing;

/// <summary>
/// When a timer or reminder fires next: the first due time, then one period after each previous due
/// time (not after the callback finished, so slow callbacks do not drift the schedule), until the
/// repetitions are used up or the ttl passes — whichever comes first.
/// </summary>
public sealed record ActorSchedule(DateTimeOffset? NextDue, ActorPeriod? Period, int? RemainingRepetitions, DateTimeOffset? ExpiresAt)
{
    /// <summary>Validates and combines the three registered strings; throws ActorTimeFormatException.</summary>
    public static ActorSchedule Create(string? dueTime, string? period, string? ttl, DateTimeOffset now)
    {
        var parsedPeriod = ActorPeriod.Parse(period);
        var first = ActorTime.ParseDueTime(dueTime, now);
        var expiresAt = ActorTime.ParseTtl(ttl, first, now);
        return new ActorSchedule(first, parsedPeriod, parsedPeriod?.Repetitions, expiresAt);
    }

    public bool IsFinished => NextDue is null;

    public bool IsDue(DateTimeOffset now) => NextDue is { } due && due <= now;

    /// <summary>
    /// The schedule after the tick due at NextDue fired. A tick missed while no sidecar ran is fired once
    /// on catch-up rather than once per missed period.
    /// </summary>
    public ActorSchedule Advance(DateTimeOffset now)
    {
        if (NextDue is not { } due || Period is not { Repeats: true } period)
        {
            return this with { NextDue = null };
        }
        var remaining = RemainingRepetitions - 1;
        if (remaining <= 0)
        {
            return this with { NextDue = null, RemainingRepetitions = 0 };
        }
        var next = period.Interval.AddTo(due);
        while (next <= now)
        {
            var following = period.Interval.AddTo(next);
            if (following > now)
            {
                break;
            }
            next = following;
        }
        if (ExpiresAt is { } expiry && next >= expiry)
        {
            return this with { NextDue = null, RemainingRepetitions = remaining };
        }
        return this with { NextDue = next, RemainingRepetitions = remaining };
    }

    /// <summary>A schedule whose first due time is already past its ttl never fires.</summary>
    public ActorSchedule ExpireIfPastTtl() =>
        ExpiresAt is { } expiry && NextDue is { } due && due >= expiry ? this with { NextDue = null } : this;
}
