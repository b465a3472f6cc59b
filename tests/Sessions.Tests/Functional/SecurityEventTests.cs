using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sessions.Tests.Functional;

/// <summary>
/// An "activity" app behind its own sidecar subscribes to the security topics on "pubsub", as the activity and
/// metrics services would, and records every CloudEvent it receives.
/// </summary>
public sealed class SecurityEventTests : IAsyncLifetime
{
    private static readonly string[] Topics = ["NewDeviceLogin", "SessionIpChanged", "RefreshTokenReused", "SessionLimitExceeded", "SessionEnded"];
    private readonly ResourcesFolder _resources = SessionsInstance.LocalComponents();
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private TestApp _listener = null!;
    private SidecarUnderTest _listenerSidecar = null!;
    private SessionsInstance _instance = null!;

    public async Task InitializeAsync()
    {
        _listener = await TestApp.StartAsync(app =>
        {
            app.MapGet("/dapr/subscribe", () => Results.Json(Topics.Select(topic => new { pubsubname = DaprComponents.PubSub, topic, route = "/events" })));
            app.MapPost("/events", async (HttpRequest request) =>
            {
                _received.Enqueue((await JsonDocument.ParseAsync(request.Body)).RootElement.Clone());
                return Results.Ok();
            });
        });
        _listenerSidecar = await SidecarUnderTest.StartAsync("activity", _resources, appPort: _listener.Port);
        _instance = await SessionsInstance.StartAsync(_resources, new Dictionary<string, string?> { ["Sessions:MaxSessionsPerUser"] = "2" });
    }

    [Fact]
    public async Task New_devices_ip_changes_session_caps_and_refresh_reuse_are_published_without_token_material()
    {
        var userId = SingleInstanceFixture.NewUserId();
        var phone = await _instance.Admin.OpenAsync(userId, "phone");
        var laptop = await _instance.Admin.OpenAsync(userId, "laptop");
        var newDevice = await ExpectAsync("NewDeviceLogin", data => data.GetProperty("sessionId").GetString() == laptop.SessionId);
        Assert.Equal("laptop", newDevice.GetProperty("device").GetProperty("id").GetString());
        Assert.Equal("web", newDevice.GetProperty("device").GetProperty("platform").GetString());

        await _instance.Admin.OpenAsync(userId, "tablet");
        var limit = await ExpectAsync("SessionLimitExceeded", data => data.GetProperty("userId").GetString() == userId);
        Assert.Equal([phone.SessionId], limit.GetProperty("evictedSessionIds").EnumerateArray().Select(id => id.GetString()));
        await ExpectAsync("SessionEnded", data => data.GetProperty("sessionId").GetString() == phone.SessionId && data.GetProperty("reason").GetString() == "evicted");

        using (var moved = await _instance.Client.ValidateAsync(laptop.AccessToken, new { token = laptop.AccessToken, ip = "198.51.100.23", country = "FR" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }
        var ipChange = await ExpectAsync("SessionIpChanged", data => data.GetProperty("sessionId").GetString() == laptop.SessionId);
        Assert.Equal("203.0.113.7", ipChange.GetProperty("previousIp").GetString());
        Assert.Equal("198.51.100.23", ipChange.GetProperty("ip").GetString());
        Assert.Equal("DE", ipChange.GetProperty("previousCountry").GetString());
        Assert.Equal("FR", ipChange.GetProperty("country").GetString());

        var second = await _instance.Client.RefreshOkAsync(laptop.RefreshToken);
        await _instance.Client.RefreshOkAsync(second.RefreshToken);
        using (var reuse = await _instance.Client.RefreshAsync(laptop.RefreshToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        }
        await ExpectAsync("RefreshTokenReused", data => data.GetProperty("sessionId").GetString() == laptop.SessionId);
        await ExpectAsync("SessionEnded", data => data.GetProperty("sessionId").GetString() == laptop.SessionId && data.GetProperty("reason").GetString() == "refresh_token_reused");

        var everything = string.Join('\n', _received.Select(cloudEvent => cloudEvent.GetRawText()));
        Assert.DoesNotContain("sat_", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("srt_", everything, StringComparison.Ordinal);
    }

    /// <summary>Waits for a CloudEvent on <paramref name="topic"/> whose data matches; returns its data.</summary>
    private async Task<JsonElement> ExpectAsync(string topic, Func<JsonElement, bool> matches)
    {
        var found = await Poll.UntilAsync(
            () => Task.FromResult(_received.FirstOrDefault(cloudEvent => cloudEvent.GetProperty("topic").GetString() == topic && matches(cloudEvent.GetProperty("data")))),
            cloudEvent => cloudEvent.ValueKind != JsonValueKind.Undefined,
            TimeSpan.FromSeconds(20),
            $"a {topic} event");
        return found.GetProperty("data");
    }

    public async Task DisposeAsync()
    {
        await _instance.DisposeAsync();
        await _listenerSidecar.DisposeAsync();
        await _listener.DisposeAsync();
        _resources.Dispose();
    }
}
