using AmazonScale.Sessions.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.Sessions.Actors;

/// <summary>
/// Calls session, user and expiry bucket actors through the sidecar (it routes to whichever instance hosts them). Calls are JSON
/// ("weakly typed") so the records need no DataContract attributes and other languages can call the same methods.
/// </summary>
public sealed class SessionActors(IActorProxyFactory proxies)
{
    public Task<SessionLookup> OpenAsync(SessionRecord record, CancellationToken cancellationToken) =>
        Session(record.SessionId).InvokeMethodAsync<SessionRecord, SessionLookup>(nameof(ISessionActor.Open), record, cancellationToken);

    public Task<SessionLookup> GetAsync(string sessionId, CancellationToken cancellationToken) =>
        Session(sessionId).InvokeMethodAsync<SessionLookup>(nameof(ISessionActor.Get), cancellationToken);

    public Task<RefreshReply> RefreshAsync(string sessionId, RefreshRequest request, CancellationToken cancellationToken) =>
        Session(sessionId).InvokeMethodAsync<RefreshRequest, RefreshReply>(nameof(ISessionActor.Refresh), request, cancellationToken);

    public Task TouchAsync(string sessionId, TouchRequest request, CancellationToken cancellationToken) =>
        Session(sessionId).InvokeMethodAsync(nameof(ISessionActor.Touch), request, cancellationToken);

    public Task<EndReply> EndAsync(string sessionId, string reason, CancellationToken cancellationToken) =>
        Session(sessionId).InvokeMethodAsync<EndRequest, EndReply>(nameof(ISessionActor.End), new EndRequest(reason), cancellationToken);

    public Task<DebugLookup> DescribeAsync(string sessionId, CancellationToken cancellationToken) =>
        Session(sessionId).InvokeMethodAsync<DebugLookup>(nameof(ISessionActor.Describe), cancellationToken);

    public Task<SweepReply> SweepAsync(string sessionId, CancellationToken cancellationToken) =>
        Session(sessionId).InvokeMethodAsync<SweepReply>(nameof(ISessionActor.Sweep), cancellationToken);

    public Task EnrollAsync(string bucketId, EnrollRequest request, CancellationToken cancellationToken) =>
        proxies.Create(new ActorId(bucketId), nameof(ExpiryBucketActor)).InvokeMethodAsync(nameof(IExpiryBucketActor.Enroll), request, cancellationToken);

    public Task<RegisterReply> RegisterAsync(string userId, RegisterRequest request, CancellationToken cancellationToken) =>
        User(userId).InvokeMethodAsync<RegisterRequest, RegisterReply>(nameof(IUserActor.Register), request, cancellationToken);

    public Task ForgetAsync(string userId, string sessionId, CancellationToken cancellationToken) =>
        User(userId).InvokeMethodAsync(nameof(IUserActor.Forget), new ForgetRequest(sessionId), cancellationToken);

    public Task<UserSessionList> ListAsync(string userId, CancellationToken cancellationToken) =>
        User(userId).InvokeMethodAsync<UserSessionList>(nameof(IUserActor.List), cancellationToken);

    private ActorProxy Session(string sessionId) => proxies.Create(new ActorId(sessionId), nameof(SessionActor));

    private ActorProxy User(string userId) => proxies.Create(new ActorId(userId), nameof(UserActor));
}
