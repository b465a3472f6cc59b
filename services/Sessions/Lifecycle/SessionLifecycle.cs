using AmazonScale.Sessions.Actors;
using AmazonScale.Sessions.Domain;
using AmazonScale.Sessions.Events;
using AmazonScale.Sessions.Validation;

namespace AmazonScale.Sessions.Lifecycle;

/// <summary>
/// Opening, rotating and ending sessions. Calls go user actor and expiry bucket (in parallel) → session actor, never
/// nested; actors themselves only call forward (bucket → session → user, bucket → later bucket), so no two actors ever
/// wait on each other.
/// </summary>
public sealed class SessionLifecycle(
    SessionActors actors,
    SessionCache cache,
    SecurityEventQueue securityEvents,
    SessionsOptions options,
    SessionsMetrics metrics,
    TimeProvider clock)
{
    /// <summary>
    /// The user's index and the session's expiry bucket learn of the session before it exists: if opening then fails,
    /// they hold an id that never validates (pruned / swept later) — the reverse order could leave a live session that
    /// "log out everywhere" cannot find or that is never cleaned up.
    /// </summary>
    public async Task<OpenedSession> OpenAsync(NewSession request, CancellationToken cancellationToken)
    {
        var sessionId = SessionId.New();
        var tokens = TokenPair.Issue(sessionId);
        var now = clock.GetUtcNow();
        var record = SessionRecord.Open(sessionId, request, tokens.Hashes(), now, options.Lifetimes);
        var entry = new UserSessionEntry(sessionId, request.Device, request.Client, now, record.ExpiresAt);
        var bucket = record.ExpiryBucket(options.Lifetimes);
        var registering = actors.RegisterAsync(request.UserId, new RegisterRequest(entry, options.MaxSessionsPerUser), cancellationToken);
        await Task.WhenAll(registering, actors.EnrollAsync(bucket.Id, new EnrollRequest(sessionId, bucket.DueAt), cancellationToken));
        var registration = await registering;
        var opened = await actors.OpenAsync(record, cancellationToken);
        await Task.WhenAll(registration.Evicted.Select(evicted => EndAsync(evicted, EndReasons.Evicted, cancellationToken)));

        if (registration.IsNewDevice)
        {
            securityEvents.Enqueue(new NewDeviceLogin(SecurityEventQueue.NewEventId(), request.UserId, sessionId, request.Device, request.Client, now));
        }
        if (registration.Evicted.Count > 0)
        {
            securityEvents.Enqueue(new SessionLimitExceeded(
                SecurityEventQueue.NewEventId(), request.UserId, sessionId, registration.Evicted, options.MaxSessionsPerUser, now));
        }
        cache.Put(opened.Snapshot!);
        metrics.Created();
        return new OpenedSession(opened.Snapshot!, tokens);
    }

    public async Task<RefreshAttempt> RefreshAsync(SessionToken refreshToken, ClientContext client, CancellationToken cancellationToken)
    {
        var tokens = TokenPair.Issue(refreshToken.SessionId);
        var reply = await actors.RefreshAsync(refreshToken.SessionId, new RefreshRequest(refreshToken.Hash(), tokens.Hashes(), client), cancellationToken);
        metrics.Refreshed(reply.Outcome);
        if (reply.Snapshot is { } rotated)
        {
            cache.Put(rotated);
            return new RefreshAttempt(reply.Outcome, new OpenedSession(rotated, tokens));
        }
        if (reply.Outcome is RefreshOutcome.Reused or RefreshOutcome.Ended)
        {
            cache.Invalidate(refreshToken.SessionId);
        }
        return new RefreshAttempt(reply.Outcome, null);
    }

    /// <summary>False when there was no such (live) session.</summary>
    public async Task<bool> EndAsync(string sessionId, string reason, CancellationToken cancellationToken)
    {
        var reply = await actors.EndAsync(sessionId, reason, cancellationToken);
        cache.Invalidate(sessionId);
        return reply.Ended;
    }

    /// <summary>
    /// Force logout: every session of the user ends; each end is broadcast, so every instance rejects them within a
    /// second. Each ended session removes itself from the index, so a failure half-way leaves the rest listed for a
    /// retry; entries whose session never existed (an open that failed) are dropped here.
    /// </summary>
    public async Task<int> EndAllAsync(string userId, CancellationToken cancellationToken)
    {
        var sessions = await actors.ListAsync(userId, cancellationToken);
        var ended = await Task.WhenAll(sessions.Sessions.Select(async entry =>
        {
            var wasLive = await EndAsync(entry.SessionId, EndReasons.LogoutEverywhere, cancellationToken);
            if (!wasLive)
            {
                await actors.ForgetAsync(userId, entry.SessionId, cancellationToken);
            }
            return wasLive;
        }));
        return ended.Count(wasLive => wasLive);
    }

    public async Task<IReadOnlyList<UserSessionEntry>> ListAsync(string userId, CancellationToken cancellationToken) =>
        (await actors.ListAsync(userId, cancellationToken)).Sessions;

    public async Task<SessionDebugView?> DescribeAsync(string sessionId, CancellationToken cancellationToken) =>
        (await actors.DescribeAsync(sessionId, cancellationToken)).View;

    /// <summary>The session's owner, read through this instance's cache (used to authorise logouts).</summary>
    public async Task<SessionSnapshot?> FindAsync(string sessionId) => (await cache.GetAsync(sessionId)).Entry?.Snapshot;
}
