using AmazonScale.Sessions.Domain;
using AmazonScale.Sessions.Events;

namespace AmazonScale.Sessions.Validation;

/// <summary>
/// The validation hot path. The token's shape is checked, it is hashed once, and the session's cached snapshot decides.
/// Only two things reach the actor: a miss, and a cached verdict that may be stale (the token does not match — the
/// session may have been rotated elsewhere — or the idle deadline passed — it may have been used elsewhere).
/// </summary>
public sealed class SessionValidator(
    SessionCache cache,
    ActivityTracker activity,
    SecurityEventQueue securityEvents,
    SessionsOptions options,
    SessionsMetrics metrics,
    TimeProvider clock)
{
    public async ValueTask<ValidationResult> ValidateAsync(string? token, ClientContext client)
    {
        if (!SessionToken.TryParse(token, TokenKind.Access, out var parsed))
        {
            return Rejected(AccessVerdict.WrongToken);
        }
        var hash = parsed.Hash();
        var now = clock.GetUtcNow();
        var (entry, fresh) = await cache.GetAsync(parsed.SessionId);
        var verdict = Check(entry, hash, client, now);
        if (!fresh && entry is not null && verdict is AccessVerdict.WrongToken or AccessVerdict.SessionEnded)
        {
            (entry, _) = await cache.ReloadAsync(parsed.SessionId);
            verdict = Check(entry, hash, client, now);
        }
        if (verdict != AccessVerdict.Valid)
        {
            return Rejected(verdict);
        }
        entry!.MarkSeen(now);
        activity.Record(parsed.SessionId, now, client);
        ReportIpChange(entry, client, now);
        metrics.Validated(AccessVerdict.Valid);
        return new ValidationResult(AccessVerdict.Valid, entry.Snapshot, entry.Snapshot.IdleDeadline(now, options.Lifetimes));
    }

    private AccessVerdict Check(CachedSession? entry, byte[] hash, ClientContext client, DateTimeOffset now) =>
        entry is null ? AccessVerdict.WrongToken : entry.Snapshot.Check(hash, client, entry.LastSeenAt, now, options.Lifetimes);

    private ValidationResult Rejected(AccessVerdict verdict)
    {
        metrics.Validated(verdict);
        return ValidationResult.Rejected(verdict);
    }

    private void ReportIpChange(CachedSession entry, ClientContext client, DateTimeOffset now)
    {
        var session = entry.Snapshot;
        if (client.IpDiffersFrom(session.Client) && entry.ClaimIpChange(client.Ip!))
        {
            securityEvents.Enqueue(new SessionIpChanged(
                SecurityEventQueue.NewEventId(), session.UserId, session.SessionId, session.Client.Ip, client.Ip,
                session.Client.Country, client.Country ?? session.Client.Country, now));
        }
    }
}
