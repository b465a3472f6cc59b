using AmazonScale.Sessions.Domain;
using Dapr.Actors;

namespace AmazonScale.Sessions.Actors;

/// <summary>
/// One actor per session (actor id = session id): the single writer of its record. Turns are serialised by the
/// sidecar, so two refreshes of one token can never both rotate it.
/// </summary>
public interface ISessionActor : IActor
{
    Task<SessionLookup> Open(SessionRecord record);

    /// <summary>The current snapshot; a session found past its deadline is ended on the spot.</summary>
    Task<SessionLookup> Get();

    Task<RefreshReply> Refresh(RefreshRequest request);

    Task Touch(TouchRequest request);

    Task<EndReply> End(EndRequest request);

    Task<DebugLookup> Describe();

    Task<SweepReply> Sweep();
}

/// <summary>Replies wrap optional values: a weakly typed actor call has no way to say "null" on its own.</summary>
public sealed record SessionLookup(SessionSnapshot? Snapshot);

public sealed record RefreshRequest(byte[] PresentedHash, TokenHashes Next, ClientContext Client);

public sealed record RefreshReply(RefreshOutcome Outcome, SessionSnapshot? Snapshot);

public sealed record TouchRequest(DateTimeOffset SeenAt, ClientContext Client);

public sealed record EndRequest(string Reason);

/// <summary>False when there was no live session to end.</summary>
public sealed record EndReply(bool Ended);

public sealed record DebugLookup(SessionDebugView? View);

/// <summary>Everything an operator may see about a session: no token or hash material.</summary>
public sealed record SessionDebugView(
    string SessionId,
    string UserId,
    Device Device,
    ClientContext Client,
    bool RememberMe,
    bool BindIp,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IdleDeadline,
    DateTimeOffset AccessExpiresAt,
    int Generation,
    int SupersededRefreshTokens);
