using System.Net;
using System.Text.Json;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sessions.Tests.Functional;

/// <summary>
/// Short idle timeouts: use keeps a session alive (validations are reported to its actor), and an idle session is
/// ended by its actor's reminder, which deletes it from the store and from its user's index.
/// </summary>
public sealed class ExpiryTests : IAsyncLifetime
{
    // Long enough that a stalled CI machine (seconds between two validations) does not end a session that is in use.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private readonly ResourcesFolder _resources = SessionsInstance.LocalComponents();
    private SessionsInstance _instance = null!;

    public async Task InitializeAsync() =>
        _instance = await SessionsInstance.StartAsync(_resources, new Dictionary<string, string?>
        {
            ["Sessions:Lifetimes:Idle"] = Idle.ToString(),
            ["Sessions:CacheRefreshInterval"] = "00:00:01",
        });

    [Fact]
    public async Task An_idle_session_is_deleted_from_the_store_by_its_reminder()
    {
        var userId = SingleInstanceFixture.NewUserId();
        var tokens = await _instance.Admin.OpenAsync(userId);
        Assert.Equal(HttpStatusCode.OK, await ActorStateStatusAsync("SessionActor", tokens.SessionId, "session"));

        // Nobody validates: the reminder (not a read) must end it and remove every trace.
        await Poll.UntilAsync(() => ActorStateStatusAsync("SessionActor", tokens.SessionId, "session"), status => status == HttpStatusCode.NoContent,
            TimeSpan.FromSeconds(30), "the expiry reminder deleting the session's state");
        await Poll.UntilAsync(() => IndexedSessionsAsync(userId), count => count == 0, TimeSpan.FromSeconds(30), "the ended session leaving its user's index");
        Assert.Equal(HttpStatusCode.Unauthorized, await _instance.Client.ValidationStatusAsync(tokens.AccessToken));
        using var refresh = await _instance.Client.RefreshAsync(tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Validations_slide_the_idle_deadline_across_the_actor()
    {
        var tokens = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        var until = DateTime.UtcNow + Idle * 2;
        while (DateTime.UtcNow < until)
        {
            Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(tokens.AccessToken));
            await Task.Delay(Idle / 10);
        }
        // A whole idle timeout past the original deadline, and the actor still holds the session.
        Assert.Equal(HttpStatusCode.OK, await ActorStateStatusAsync("SessionActor", tokens.SessionId, "session"));
        await _instance.Client.RefreshOkAsync(tokens.RefreshToken);
    }

    private async Task<HttpStatusCode> ActorStateStatusAsync(string actorType, string actorId, string key)
    {
        using var response = await _instance.Sidecar.Http.GetAsync($"v1.0/actors/{actorType}/{actorId}/state/{key}");
        return response.StatusCode;
    }

    private async Task<int> IndexedSessionsAsync(string userId)
    {
        var index = await _instance.Sidecar.Http.GetStringAsync($"v1.0/actors/UserActor/{userId}/state/user");
        return JsonDocument.Parse(index).RootElement.GetProperty("sessions").GetArrayLength();
    }

    public async Task DisposeAsync()
    {
        await _instance.DisposeAsync();
        _resources.Dispose();
    }
}
