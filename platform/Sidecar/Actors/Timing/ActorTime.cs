using System.Globalization;

namespace AmazonScale.Sidecar.Actors.Timing;

/// <summary>dueTime and ttl parsing (dapr/kit time.ParseTime): an ISO 8601 duration without repetitions, a Go duration, or RFC 3339.</summary>
public static class ActorTime
{
    /// <summary>An empty dueTime means "now".</summary>
    public static DateTimeOffset ParseDueTime(string? raw, DateTimeOffset now) =>
        string.IsNullOrEmpty(raw) ? now : ParseInstant(raw, now, "dueTime");

    /// <summary>A relative ttl counts from the first due time; an expiry not after now is an error, as in daprd.</summary>
    public static DateTimeOffset? ParseTtl(string? raw, DateTimeOffset firstDue, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        var expiry = ParseInstant(raw, firstDue, "ttl");
        if (expiry <= now)
        {
            throw new ActorTimeFormatException($"ttl \"{raw}\" is in the past");
        }
        return expiry;
    }

    private static DateTimeOffset ParseInstant(string raw, DateTimeOffset start, string field)
    {
        if (IsoDuration.TryParse(raw, out var iso, out var repetitions))
        {
            if (repetitions is not null)
            {
                throw new ActorTimeFormatException($"{field} \"{raw}\" must not have repetitions");
            }
            return iso.AddTo(start);
        }
        if (GoDuration.TryParse(raw, out var span))
        {
            return start + (span < TimeSpan.Zero ? TimeSpan.Zero : span);
        }
        if (raw.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }
        throw new ActorTimeFormatException($"unsupported {field} format \"{raw}\"");
    }
}
