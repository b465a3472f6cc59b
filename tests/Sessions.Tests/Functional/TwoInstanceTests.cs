using System.Diagnostics;
using System.Net;
using AmazonScale.Sessions.Validation;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;
using Xunit.Abstractions;

namespace AmazonScale.Sessions.Tests.Functional;

/// <summary>
/// Two instances, each behind its own sidecar, sharing one SQLite store (actor state) and the broadcast pub/sub.
/// Instance B holds the session in its cache before A changes it, and its cached copy would stay for
/// CacheRefreshInterval (raised to 10 minutes here) — so only the broadcast can make B reject the token.
/// </summary>
public sealed class TwoInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);
    private readonly ResourcesFolder _resources = SessionsInstance.LocalComponents();
    private SessionsInstance _a = null!;
    private SessionsInstance _b = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Sessions:CacheRefreshInterval"] = "00:10:00" };
        _a = await SessionsInstance.StartAsync(_resources, settings);
        _b = await SessionsInstance.StartAsync(_resources, settings);
    }

    [Fact]
    public async Task Force_logout_on_one_instance_makes_validation_fail_on_the_other()
    {
        var userId = SingleInstanceFixture.NewUserId();
        var phone = await _a.Admin.OpenAsync(userId, "phone");
        var laptop = await _a.Admin.OpenAsync(userId, "laptop");
        await AssertCachedAndValidOnBAsync(phone, laptop);

        using (var logout = await _a.BearerClient(phone.AccessToken).DeleteAsync($"api/v1/users/{userId}/sessions"))
        {
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        }
        var answered = Stopwatch.StartNew();
        foreach (var session in new[] { phone, laptop })
        {
            await Poll.UntilAsync(() => _b.Client.ValidationStatusAsync(session.AccessToken), status => status == HttpStatusCode.Unauthorized, Generous,
                "instance B rejecting a force-logged-out session");
        }
        output.WriteLine($"force logout answered on A → both sessions rejected on B {answered.ElapsedMilliseconds} ms later");
    }

    [Fact]
    public async Task A_refresh_on_one_instance_retires_the_old_access_token_on_the_other()
    {
        var tokens = await _a.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        await AssertCachedAndValidOnBAsync(tokens);

        var rotated = await _a.Client.RefreshOkAsync(tokens.RefreshToken);

        await Poll.UntilAsync(() => _b.Client.ValidationStatusAsync(tokens.AccessToken), status => status == HttpStatusCode.Unauthorized, Generous,
            "instance B rejecting the rotated-away access token");
        Assert.Equal(HttpStatusCode.OK, await _b.Client.ValidationStatusAsync(rotated.AccessToken));
        // The rotated refresh token is a lost race on B too: the session's single actor decides for every instance.
        using var late = await _b.Client.RefreshAsync(tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await _a.Client.ValidationStatusAsync(rotated.AccessToken));
    }

    private async Task AssertCachedAndValidOnBAsync(params SessionsApiClient.Tokens[] sessions)
    {
        foreach (var session in sessions)
        {
            Assert.Equal(HttpStatusCode.OK, await _b.Client.ValidationStatusAsync(session.AccessToken));
            Assert.True(_b.Services.GetRequiredService<SessionCache>().Contains(session.SessionId));
        }
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _resources.Dispose();
    }
}
