using AmazonScale.Sessions.Domain;
using Dapr.Actors.Runtime;

namespace AmazonScale.Sessions.Actors;

/// <summary>Keeps <see cref="UserSessions"/> in actor state. It never calls session actors, so no call cycle can form.</summary>
public sealed class UserActor(ActorHost host, TimeProvider clock) : Actor(host), IUserActor
{
    private const string StateName = "user";

    public async Task<RegisterReply> Register(RegisterRequest request)
    {
        var registration = (await LoadAsync()).Register(request.Entry, request.MaxSessions, clock.GetUtcNow());
        await StateManager.SetStateAsync(StateName, registration.Updated);
        return new RegisterReply(registration.Evicted, registration.IsNewDevice);
    }

    public async Task Forget(ForgetRequest request)
    {
        var sessions = await LoadAsync();
        if (sessions.Sessions.Any(entry => entry.SessionId == request.SessionId))
        {
            await StateManager.SetStateAsync(StateName, sessions.Remove(request.SessionId));
        }
    }

    public async Task<UserSessionList> List() => new((await LoadAsync()).Live(clock.GetUtcNow()));

    private async Task<UserSessions> LoadAsync()
    {
        var stored = await StateManager.TryGetStateAsync<UserSessions>(StateName);
        return stored.HasValue ? stored.Value : UserSessions.Empty;
    }
}
