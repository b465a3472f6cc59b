namespace AmazonScale.Sessions.Domain;

/// <summary>
/// One session as its actor stores it: who, which device, the hashes of its current tokens, the refresh tokens it
/// rotated away (for reuse detection) and its clock readings. Transitions return a new record; nothing here does I/O.
/// </summary>
public sealed record SessionRecord(
    string SessionId,
    string UserId,
    Device Device,
    ClientContext Client,
    bool RememberMe,
    bool BindIp,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    byte[] AccessHash,
    DateTimeOffset AccessExpiresAt,
    byte[] RefreshHash,
    int Generation,
    IReadOnlyList<SupersededRefreshToken> Superseded)
{
    /// <summary>Rotated refresh hashes kept for reuse detection; older ones are forgotten (then answered as unknown, 401).</summary>
    public const int MaxSupersededKept = 64;

    public static SessionRecord Open(string sessionId, NewSession request, TokenHashes tokens, DateTimeOffset now, SessionLifetimes lifetimes)
    {
        var expiresAt = lifetimes.SessionExpiry(now, request.RememberMe);
        return new SessionRecord(
            sessionId, request.UserId, request.Device, request.Client, request.RememberMe, request.BindIp,
            now, now, expiresAt, tokens.Access, lifetimes.AccessExpiry(now, expiresAt), tokens.Refresh, Generation: 1, []);
    }

    public DateTimeOffset Deadline(SessionLifetimes lifetimes) => lifetimes.Deadline(LastSeenAt, ExpiresAt, RememberMe);

    public bool HasEnded(DateTimeOffset now, SessionLifetimes lifetimes) => now >= Deadline(lifetimes);

    /// <summary>The cleanup slot that will look at this session next (it re-enrols the session if it was used since).</summary>
    public ExpiryBucket ExpiryBucket(SessionLifetimes lifetimes) =>
        Domain.ExpiryBucket.For(SessionId, Deadline(lifetimes), lifetimes.IdleTimeout(RememberMe));

    /// <summary>
    /// Rotation: only the current refresh token rotates. Every stored hash is compared (each in constant time) so the
    /// answer time does not depend on which one matched.
    /// </summary>
    public RefreshResult Refresh(byte[] presented, TokenHashes next, ClientContext client, DateTimeOffset now, SessionLifetimes lifetimes)
    {
        if (HasEnded(now, lifetimes))
        {
            return new RefreshResult(RefreshOutcome.Ended, null);
        }
        var isCurrent = SessionToken.HashesMatch(presented, RefreshHash);
        var supersededAt = -1;
        for (var index = 0; index < Superseded.Count; index++)
        {
            if (SessionToken.HashesMatch(presented, Superseded[index].Hash) && supersededAt < 0)
            {
                supersededAt = index;
            }
        }
        if (isCurrent)
        {
            return new RefreshResult(RefreshOutcome.Rotated, Rotate(next, client, now, lifetimes));
        }
        if (supersededAt < 0)
        {
            return new RefreshResult(RefreshOutcome.Unknown, null);
        }
        var justRotated = supersededAt == 0 && now - Superseded[0].RotatedAt < lifetimes.RefreshReuseGrace;
        return new RefreshResult(justRotated ? RefreshOutcome.RaceLost : RefreshOutcome.Reused, null);
    }

    /// <summary>Activity seen elsewhere (validations batched by an instance): the idle deadline only ever moves forward.</summary>
    public SessionRecord Touch(DateTimeOffset seenAt, ClientContext client) =>
        this with { LastSeenAt = seenAt > LastSeenAt ? seenAt : LastSeenAt, Client = Client.Merge(client) };

    public SessionSnapshot Snapshot() =>
        new(SessionId, UserId, Device, Client, RememberMe, BindIp, CreatedAt, LastSeenAt, ExpiresAt, AccessHash, AccessExpiresAt, Generation);

    private SessionRecord Rotate(TokenHashes next, ClientContext client, DateTimeOffset now, SessionLifetimes lifetimes) => this with
    {
        AccessHash = next.Access,
        AccessExpiresAt = lifetimes.AccessExpiry(now, ExpiresAt),
        RefreshHash = next.Refresh,
        Generation = Generation + 1,
        Superseded = [new SupersededRefreshToken(RefreshHash, now), .. Superseded.Take(MaxSupersededKept - 1)],
        LastSeenAt = now,
        Client = Client.Merge(client),
    };
}
