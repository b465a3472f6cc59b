using AmazonScale.Sessions.Domain;
using AmazonScale.Sessions.Events;
using Dapr;
using Dapr.Actors.Runtime;
using Dapr.Client;

namespace AmazonScale.Sessions.Actors;

/// <summary>
/// Owns one <see cref="SessionRecord"/>. Ending a session (any reason) deletes its state, removes it from the user's
/// index and tells every instance to drop its cached copy; sessions nobody ends are swept by their
/// <see cref="ExpiryBucketActor"/>, so the store holds live sessions only.
/// </summary>
public sealed class SessionActor(
    ActorHost host,
    SessionsOptions options,
    TimeProvider clock,
    DaprClient dapr,
    SecurityEventQueue securityEvents,
    SessionsMetrics metrics,
    ILogger<SessionActor> logger) : Actor(host), ISessionActor
{
    private const string StateName = "session";

    private SessionLifetimes Lifetimes => options.Lifetimes;

    public async Task<SessionLookup> Open(SessionRecord record)
    {
        if ((await LoadAsync()) is not null || record.SessionId != Id.GetId())
        {
            throw new InvalidOperationException("session ids are never reused");
        }
        await StateManager.SetStateAsync(StateName, record);
        return new SessionLookup(record.Snapshot());
    }

    public async Task<SessionLookup> Get() => new((await LoadLiveAsync())?.Snapshot());

    public async Task<RefreshReply> Refresh(RefreshRequest request)
    {
        var record = await LoadAsync();
        if (record is null)
        {
            return new RefreshReply(RefreshOutcome.Ended, null);
        }
        var result = record.Refresh(request.PresentedHash, request.Next, request.Client, clock.GetUtcNow(), Lifetimes);
        switch (result.Outcome)
        {
            case RefreshOutcome.Rotated:
                await StateManager.SetStateAsync(StateName, result.Session!);
                await AnnounceAsync(new SessionChanged(record.SessionId, result.Session!.Generation, Ended: false));
                return new RefreshReply(result.Outcome, result.Session.Snapshot());
            case RefreshOutcome.Reused:
                securityEvents.Enqueue(new RefreshTokenReused(
                    SecurityEventQueue.NewEventId(), record.UserId, record.SessionId, record.Generation, request.Client, clock.GetUtcNow()));
                await EndAsync(record, EndReasons.RefreshTokenReused);
                break;
            case RefreshOutcome.Ended:
                await EndAsync(record, EndReasons.Expired);
                break;
        }
        return new RefreshReply(result.Outcome, null);
    }

    public async Task Touch(TouchRequest request)
    {
        if (await LoadLiveAsync() is { } record)
        {
            await StateManager.SetStateAsync(StateName, record.Touch(request.SeenAt, request.Client));
        }
    }

    public async Task<EndReply> End(EndRequest request)
    {
        var record = await LoadAsync();
        if (record is null)
        {
            return new EndReply(false);
        }
        await EndAsync(record, request.Reason);
        return new EndReply(true);
    }

    public async Task<DebugLookup> Describe()
    {
        var record = await LoadLiveAsync();
        return new DebugLookup(record is null ? null : new SessionDebugView(
            record.SessionId, record.UserId, record.Device, record.Client, record.RememberMe, record.BindIp, record.CreatedAt,
            record.LastSeenAt, record.ExpiresAt, Lifetimes.IdleDeadline(record.LastSeenAt, record.RememberMe), record.AccessExpiresAt,
            record.Generation, record.Superseded.Count));
    }

    /// <summary>Called by the session's expiry bucket: ends the session if its deadline passed, else names its next bucket.</summary>
    public async Task<SweepReply> Sweep()
    {
        if (await LoadLiveAsync() is not { } record)
        {
            return new SweepReply(Ended: true, null, default);
        }
        var next = record.ExpiryBucket(Lifetimes);
        return new SweepReply(Ended: false, next.Id, next.DueAt);
    }

    private async Task<SessionRecord?> LoadLiveAsync()
    {
        var record = await LoadAsync();
        if (record is not null && record.HasEnded(clock.GetUtcNow(), Lifetimes))
        {
            await EndAsync(record, EndReasons.Expired);
            return null;
        }
        return record;
    }

    private async Task<SessionRecord?> LoadAsync()
    {
        var stored = await StateManager.TryGetStateAsync<SessionRecord>(StateName);
        return stored.HasValue ? stored.Value : null;
    }

    private async Task EndAsync(SessionRecord record, string reason)
    {
        await StateManager.RemoveStateAsync(StateName);
        await StateManager.SaveStateAsync();
        await new SessionActors(ProxyFactory).ForgetAsync(record.UserId, record.SessionId, CancellationToken.None);
        await AnnounceAsync(new SessionChanged(record.SessionId, record.Generation, Ended: true));
        securityEvents.Enqueue(new SessionEnded(SecurityEventQueue.NewEventId(), record.UserId, record.SessionId, reason, clock.GetUtcNow()));
        metrics.Ended(reason);
    }

    /// <summary>
    /// The state change is already durable; a lost broadcast only delays other instances until their cached copy is
    /// re-read (<see cref="SessionsOptions.CacheRefreshInterval"/>), so it is logged rather than failing the turn.
    /// </summary>
    private async Task AnnounceAsync(SessionChanged change)
    {
        try
        {
            await dapr.PublishEventAsync(DaprComponents.Broadcast, nameof(SessionChanged), change);
        }
        catch (Exception ex) when (ex is DaprException or HttpRequestException)
        {
            logger.LogWarning(ex, "Could not broadcast the change of session {SessionId}", change.SessionId);
        }
    }
}
