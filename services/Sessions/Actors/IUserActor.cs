using AmazonScale.Sessions.Domain;
using Dapr.Actors;

namespace AmazonScale.Sessions.Actors;

/// <summary>One actor per user (actor id = user id): the index of their sessions and recently seen devices.</summary>
public interface IUserActor : IActor
{
    Task<RegisterReply> Register(RegisterRequest request);

    Task Forget(ForgetRequest request);

    Task<UserSessionList> List();
}

public sealed record RegisterRequest(UserSessionEntry Entry, int MaxSessions);

public sealed record RegisterReply(IReadOnlyList<string> Evicted, bool IsNewDevice);

public sealed record ForgetRequest(string SessionId);

public sealed record UserSessionList(IReadOnlyList<UserSessionEntry> Sessions);
