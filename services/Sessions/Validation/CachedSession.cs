using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Validation;

/// <summary>
/// A snapshot in this instance's cache plus what this instance saw since reading it: the latest use (so the idle
/// deadline slides without a round trip) and the last IP it reported a change for (one event per change, not per call).
/// </summary>
public sealed class CachedSession(SessionSnapshot snapshot)
{
    private long _lastSeenUtcTicks = snapshot.LastSeenAt.UtcTicks;
    private string? _reportedIp = snapshot.Client.Ip;

    public SessionSnapshot Snapshot { get; } = snapshot;

    public DateTimeOffset LastSeenAt => new(Interlocked.Read(ref _lastSeenUtcTicks), TimeSpan.Zero);

    public void MarkSeen(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        var current = Interlocked.Read(ref _lastSeenUtcTicks);
        while (ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref _lastSeenUtcTicks, ticks, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    /// <summary>True once per new IP: the caller reports the change, concurrent callers with the same IP do not.</summary>
    public bool ClaimIpChange(string ip)
    {
        var reported = Volatile.Read(ref _reportedIp);
        return !string.Equals(reported, ip, StringComparison.Ordinal)
            && ReferenceEquals(Interlocked.CompareExchange(ref _reportedIp, ip, reported), reported);
    }
}
