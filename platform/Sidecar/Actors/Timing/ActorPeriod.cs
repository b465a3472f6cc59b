namespace AmazonScale.Sidecar.Actors.Timing;

/// <summary>
/// A reminder or timer period: ISO 8601 (optionally with "R{n}/" repetitions) or a Go duration. Raw is
/// kept because daprd echoes the registered string verbatim in callbacks.
/// </summary>
public sealed record ActorPeriod(string Raw, CalendarDuration Interval, int? Repetitions)
{
    /// <summary>Null for an empty period (fire once). Throws ActorTimeFormatException on anything else unparseable.</summary>
    public static ActorPeriod? Parse(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        if (IsoDuration.TryParse(raw, out var iso, out var repetitions))
        {
            return new ActorPeriod(raw, iso, repetitions);
        }
        if (GoDuration.TryParse(raw, out var span))
        {
            if (span < TimeSpan.Zero)
            {
                throw new ActorTimeFormatException($"period \"{raw}\" must not be negative");
            }
            return new ActorPeriod(raw, CalendarDuration.FromTimeSpan(span), null);
        }
        throw new ActorTimeFormatException($"unsupported period format \"{raw}\"");
    }

    /// <summary>A zero interval (e.g. "0s") repeats nothing; daprd treats it as a one-shot.</summary>
    public bool Repeats => !Interval.IsZero;
}
