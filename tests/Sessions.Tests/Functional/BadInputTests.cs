using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace AmazonScale.Sessions.Tests.Functional;

[Collection(SingleInstanceCollection.Name)]
public sealed class BadInputTests(SingleInstanceFixture fixture)
{
    private readonly SessionsInstance _instance = fixture.Instance;

    [Fact]
    public async Task Opening_a_session_needs_the_admin_key()
    {
        var body = new { user_id = "u", device_id = "d", platform = "web" };
        using (var anonymous = await _instance.Client.PostAsJsonAsync("api/v1/sessions", body))
        {
            await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/sessions") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Admin-Key", SessionsInstance.AdminKey + "x");
        using var wrongKey = await _instance.Client.SendAsync(request);
        await wrongKey.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Invalid_fields_are_listed_in_a_400_problem()
    {
        using var response = await _instance.Admin.PostAsJsonAsync("api/v1/sessions", new
        {
            user_id = "has spaces", device_id = new string('d', 200), ip = "not-an-ip", country = "DEU", user_agent = "bad\nagent",
        });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "user_id", "device_id", "platform", "ip", "country", "user_agent" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }
    }

    [Theory]
    [InlineData("{\"user_id\":\"u\",\"device_id\":\"d\",\"platform\":\"toaster\"}")]
    [InlineData("{\"user_id\":")]
    [InlineData("[]")]
    public async Task Unreadable_bodies_are_400_problems(string json)
    {
        using var response = await _instance.Admin.PostAsync("api/v1/sessions", new StringContent(json, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        using var response = await _instance.Client.PostAsync("api/v1/sessions/validate",
            new StringContent($"{{\"token\":\"{new string('a', 64 * 1024)}\"}}", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_missing_token_is_400_and_a_malformed_one_401()
    {
        using (var missing = await _instance.Client.PostAsJsonAsync("api/v1/sessions/validate", new { ip = "203.0.113.1" }))
        {
            await missing.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var missingRefresh = await _instance.Client.PostAsJsonAsync("api/v1/sessions/refresh", new { }))
        {
            await missingRefresh.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        foreach (var garbage in new[] { "x", "Bearer abc", new string('a', 80), "sat_" + new string('0', 32) + "_" + new string('A', 43) })
        {
            using var response = await _instance.Client.ValidateAsync(garbage);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Tampered_tokens_and_swapped_kinds_are_401_and_leave_the_session_intact()
    {
        var tokens = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        var tamperedAccess = Tamper(tokens.AccessToken);
        var tamperedRefresh = Tamper(tokens.RefreshToken);
        var otherSession = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        var splicedAccess = tokens.AccessToken[..37] + otherSession.AccessToken[37..];

        foreach (var token in new[] { tamperedAccess, tokens.RefreshToken, splicedAccess })
        {
            using var response = await _instance.Client.ValidateAsync(token);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        foreach (var token in new[] { tamperedRefresh, tokens.AccessToken })
        {
            using var response = await _instance.Client.RefreshAsync(token);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(tokens.AccessToken));
        await _instance.Client.RefreshOkAsync(tokens.RefreshToken);
    }

    [Fact]
    public async Task A_different_user_agent_fails_the_binding_check_and_a_bound_session_checks_the_ip()
    {
        var loose = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        var boundUser = SingleInstanceFixture.NewUserId();
        var bound = await _instance.Admin.OpenAsync(boundUser, extra: new
        {
            user_id = boundUser, device_id = "kiosk", platform = "web", ip = "203.0.113.7", bind_ip = true,
        });

        using (var sameAgent = await _instance.Client.ValidateAsync(loose.AccessToken, new { token = loose.AccessToken, user_agent = "Mozilla/5.0 (Test)", ip = "198.51.100.4" }))
        {
            Assert.Equal(HttpStatusCode.OK, sameAgent.StatusCode);
        }
        using (var otherAgent = await _instance.Client.ValidateAsync(loose.AccessToken, new { token = loose.AccessToken, user_agent = "curl/8.0" }))
        {
            await otherAgent.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using (var otherIp = await _instance.Client.ValidateAsync(bound.AccessToken, new { token = bound.AccessToken, ip = "198.51.100.4" }))
        {
            await otherIp.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using var sameIp = await _instance.Client.ValidateAsync(bound.AccessToken, new { token = bound.AccessToken, ip = "203.0.113.7" });
        Assert.Equal(HttpStatusCode.OK, sameIp.StatusCode);
    }

    [Fact]
    public async Task Admin_only_and_user_scoped_endpoints_refuse_missing_or_wrong_credentials()
    {
        var tokens = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        using (var debug = await _instance.BearerClient(tokens.AccessToken).GetAsync($"api/v1/sessions/{tokens.SessionId}/debug"))
        {
            await debug.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using (var tampered = await _instance.BearerClient(Tamper(tokens.AccessToken)).DeleteAsync($"api/v1/sessions/{tokens.SessionId}"))
        {
            await tampered.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        using (var unknown = await _instance.Admin.GetAsync($"api/v1/sessions/{new string('0', 32)}/debug"))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using var malformedId = await _instance.Admin.DeleteAsync("api/v1/sessions/not-a-session-id");
        await malformedId.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>Changes one character of the secret part, keeping the token well formed.</summary>
    private static string Tamper(string token)
    {
        var at = token.Length - 10;
        return string.Concat(token.AsSpan(0, at), token[at] == 'A' ? "B" : "A", token.AsSpan(at + 1));
    }
}
