using AmazonScale.Sidecar.Actors.Scheduling;
using AmazonScale.Sidecar.Actors.Timing;

namespace AmazonScale.Sidecar.Actors.Reminders;

/// <summary>
/// A reminder as persisted: the registration exactly as received (echoed in callbacks) plus its progress
/// (next due time, repetitions left, expiry), rewritten after every fire so a restarted or new owner
/// continues where the last one stopped.
/// </summary>
public sealed record StoredReminder(
    string ActorType,
    string ActorId,
    string Name,
    string? DueTime,
    string? Period,
    string? Ttl,
    string? DataJson,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? NextDue,
    int? RemainingRepetitions,
    DateTimeOffset? ExpiresAt)
{
    public ActorKey Actor => new(ActorType, ActorId);

    public static StoredReminder Create(ActorKey actor, string name, ScheduleRequest registration, ActorSchedule schedule, DateTimeOffset now) =>
        new(actor.Type, actor.Id, name, registration.DueTime, registration.Period, registration.Ttl, registration.DataJson,
            now, schedule.NextDue, schedule.RemainingRepetitions, schedule.ExpiresAt);

    /// <summary>
    /// Whether this copy is newer than <paramref name="other"/>: a later registration wins; for the same
    /// registration the copy further along its schedule wins (schedules only move forward), so a copy read
    /// from the store before a fire was persisted never rewinds the schedule.
    /// </summary>
    public bool Supersedes(StoredReminder other)
    {
        if (RegisteredAt != other.RegisteredAt)
        {
            return RegisteredAt > other.RegisteredAt;
        }
        return other.NextDue is { } otherDue && (NextDue is not { } due || due > otherDue);
    }

    /// <summary>The period was validated on registration, so it parses again.</summary>
    public ActorSchedule Schedule => new(NextDue, ActorPeriod.Parse(Period), RemainingRepetitions, ExpiresAt);

    public StoredReminder WithSchedule(ActorSchedule schedule) =>
        this with { NextDue = schedule.NextDue, RemainingRepetitions = schedule.RemainingRepetitions, ExpiresAt = schedule.ExpiresAt };
}
