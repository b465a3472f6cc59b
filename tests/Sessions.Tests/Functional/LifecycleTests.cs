using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Sessions.Validation;

namespace AmazonScale.Sessions.Tests.Functional;

[Collection(SingleInstanceCollection.Name)]
public sealed class LifecycleTests(SingleInstanceFixture fixture)
{
    private readonly SessionsInstance _instance = fixture.Instance;

    [Fact]
    public async Task A_new_session_validates_with_its_user_device_and_expiry()
    {
        var userId = SingleInstanceFixture.NewUserId();
        var tokens = await _instance.Admin.OpenAsync(userId, rememberMe: true);

        using var response = await _instance.Client.ValidateAsync(tokens.AccessToken);
        var json = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal(tokens.SessionId, json.GetProperty("session_id").GetString());
        Assert.Equal(userId, json.GetProperty("user_id").GetString());
        Assert.Equal("laptop", json.GetProperty("device").GetProperty("id").GetString());
        Assert.Equal("web", json.GetProperty("device").GetProperty("platform").GetString());
        Assert.True(json.GetProperty("remember_me").GetBoolean());
        var accessExpiry = json.GetProperty("access_token_expires_at").GetDateTimeOffset();
        var sessionExpiry = json.GetProperty("session_expires_at").GetDateTimeOffset();
        Assert.InRange(accessExpiry - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15));
        Assert.InRange(sessionExpiry - DateTimeOffset.UtcNow, TimeSpan.FromDays(29), TimeSpan.FromDays(30));
    }

    [Fact]
    public async Task Validation_right_after_opening_is_served_from_the_cache()
    {
        var tokens = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        Assert.True(_instance.Services.GetRequiredService<SessionCache>().Contains(tokens.SessionId));
        Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(tokens.AccessToken));
    }

    [Fact]
    public async Task Refresh_rotates_both_tokens_and_retires_the_old_access_token()
    {
        var first = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        var second = await _instance.Client.RefreshOkAsync(first.RefreshToken);

        Assert.Equal(first.SessionId, second.SessionId);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(second.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await _instance.Client.ValidationStatusAsync(first.AccessToken));
        var third = await _instance.Client.RefreshOkAsync(second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(third.AccessToken));
    }

    [Fact]
    public async Task Reusing_an_old_refresh_token_revokes_the_whole_session()
    {
        var first = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        var second = await _instance.Client.RefreshOkAsync(first.RefreshToken);
        var third = await _instance.Client.RefreshOkAsync(second.RefreshToken);

        using (var reuse = await _instance.Client.RefreshAsync(first.RefreshToken))
        {
            var problem = await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await _instance.Client.ValidationStatusAsync(third.AccessToken));
        using (var refresh = await _instance.Client.RefreshAsync(third.RefreshToken))
        {
            await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using var debug = await _instance.Admin.GetAsync($"api/v1/sessions/{first.SessionId}/debug");
        await debug.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Logging_out_with_the_sessions_own_token_ends_it()
    {
        var tokens = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        var owner = _instance.BearerClient(tokens.AccessToken);

        using (var logout = await owner.DeleteAsync($"api/v1/sessions/{tokens.SessionId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await _instance.Client.ValidationStatusAsync(tokens.AccessToken));
        using var again = await _instance.Admin.DeleteAsync($"api/v1/sessions/{tokens.SessionId}");
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_user_lists_their_devices_and_cannot_touch_another_users_sessions()
    {
        var userId = SingleInstanceFixture.NewUserId();
        var laptop = await _instance.Admin.OpenAsync(userId, "laptop");
        var phone = await _instance.Admin.OpenAsync(userId, "phone");
        var stranger = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        var owner = _instance.BearerClient(phone.AccessToken);

        var list = await owner.GetFromJsonAsync<JsonElement>($"api/v1/users/{userId}/sessions");
        var sessions = list.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal([laptop.SessionId, phone.SessionId], sessions.Select(session => session.GetProperty("session_id").GetString()));
        Assert.Equal([false, true], sessions.Select(session => session.GetProperty("current").GetBoolean()));
        Assert.Equal("phone", sessions[1].GetProperty("device").GetProperty("id").GetString());

        using (var foreign = await _instance.BearerClient(stranger.AccessToken).GetAsync($"api/v1/users/{userId}/sessions"))
        {
            await foreign.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        using (var foreignLogout = await _instance.BearerClient(stranger.AccessToken).DeleteAsync($"api/v1/sessions/{laptop.SessionId}"))
        {
            await foreignLogout.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        using (var anonymous = await _instance.Client.GetAsync($"api/v1/users/{userId}/sessions"))
        {
            await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        // Logging out another of one's own devices is allowed.
        using var ownLogout = await owner.DeleteAsync($"api/v1/sessions/{laptop.SessionId}");
        Assert.Equal(HttpStatusCode.NoContent, ownLogout.StatusCode);
    }

    [Fact]
    public async Task Logout_everywhere_ends_every_session_of_the_user_and_only_theirs()
    {
        var userId = SingleInstanceFixture.NewUserId();
        var sessions = new[] { await _instance.Admin.OpenAsync(userId, "a"), await _instance.Admin.OpenAsync(userId, "b") };
        var bystander = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());

        using (var response = await _instance.BearerClient(sessions[0].AccessToken).DeleteAsync($"api/v1/users/{userId}/sessions"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("ended").GetInt32());
        }
        foreach (var session in sessions)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await _instance.Client.ValidationStatusAsync(session.AccessToken));
            using var refresh = await _instance.Client.RefreshAsync(session.RefreshToken);
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(bystander.AccessToken));
        var list = await _instance.Admin.GetFromJsonAsync<JsonElement>($"api/v1/users/{userId}/sessions");
        Assert.Empty(list.GetProperty("sessions").EnumerateArray());
    }

    [Fact]
    public async Task Opening_more_than_the_per_user_maximum_evicts_the_oldest_session()
    {
        var userId = SingleInstanceFixture.NewUserId();
        var opened = new List<SessionsApiClient.Tokens>();
        for (var device = 0; device <= SingleInstanceFixture.MaxSessionsPerUser; device++)
        {
            opened.Add(await _instance.Admin.OpenAsync(userId, $"device-{device}"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await _instance.Client.ValidationStatusAsync(opened[0].AccessToken));
        foreach (var kept in opened.Skip(1))
        {
            Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(kept.AccessToken));
        }
        var list = await _instance.Admin.GetFromJsonAsync<JsonElement>($"api/v1/users/{userId}/sessions");
        Assert.Equal(opened.Skip(1).Select(tokens => tokens.SessionId), list.GetProperty("sessions").EnumerateArray().Select(session => session.GetProperty("session_id").GetString()));
    }

    [Fact]
    public async Task The_debug_view_shows_state_but_no_token_material()
    {
        var tokens = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        var rotated = await _instance.Client.RefreshOkAsync(tokens.RefreshToken);

        using var response = await _instance.Admin.GetAsync($"api/v1/sessions/{tokens.SessionId}/debug");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(2, json.GetProperty("generation").GetInt32());
        Assert.Equal(1, json.GetProperty("superseded_refresh_tokens").GetInt32());
        Assert.Equal("203.0.113.7", json.GetProperty("client").GetProperty("ip").GetString());
        foreach (var secret in new[] { tokens.AccessToken, tokens.RefreshToken, rotated.AccessToken, rotated.RefreshToken })
        {
            Assert.DoesNotContain(secret[^43..], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
    }
}
