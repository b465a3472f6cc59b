namespace AmazonScale.Sessions.Domain;

/// <summary>
/// What every instance may cache to validate access tokens without a network hop: a session minus its refresh
/// material. <see cref="Generation"/> grows with every rotation, so a stale copy is recognisable.
/// </summary>
public sealed record SessionSnapshot(
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
    int Generation)
{
    /// <param name="lastSeenAt">The latest use known to the caller (it may have seen uses the snapshot has not).</param>
    public AccessVerdict Check(byte[] presented, ClientContext client, DateTimeOffset lastSeenAt, DateTimeOffset now, SessionLifetimes lifetimes)
    {
        if (!SessionToken.HashesMatch(presented, AccessHash))
        {
            return AccessVerdict.WrongToken;
        }
        if (now >= lifetimes.Deadline(lastSeenAt > LastSeenAt ? lastSeenAt : LastSeenAt, ExpiresAt, RememberMe))
        {
            return AccessVerdict.SessionEnded;
        }
        if (now >= AccessExpiresAt)
        {
            return AccessVerdict.TokenExpired;
        }
        if (client.UserAgentDiffersFrom(Client) || (BindIp && client.IpDiffersFrom(Client)))
        {
            return AccessVerdict.BindingMismatch;
        }
        return AccessVerdict.Valid;
    }

    public DateTimeOffset IdleDeadline(DateTimeOffset lastSeenAt, SessionLifetimes lifetimes) =>
        lifetimes.IdleDeadline(lastSeenAt > LastSeenAt ? lastSeenAt : LastSeenAt, RememberMe);
}
