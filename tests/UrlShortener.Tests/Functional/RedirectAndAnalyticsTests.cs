using AmazonScale.TestSupport;
using System.Net;
using System.Text.Json;

namespace AmazonScale.UrlShortener.Tests.Functional;

public sealed class RedirectAndAnalyticsTests(LocalServiceFixture fixture) : IClassFixture<LocalServiceFixture>
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";
    private UrlShortenerInstance Service => fixture.Service;

    [Fact]
    public async Task Create_then_redirect_then_analytics_are_visible()
    {
        var owner = await Service.NewOwnerAsync();
        var created = await owner.CreateAsync(new { url = "https://Example.com/landing?src=x", tags = new[] { "launch" } });
        var code = created.GetProperty("code").GetString()!;
        Assert.Equal(7, code.Length);
        Assert.Equal($"{UrlShortenerInstance.PublicBaseUrl}/r/{code}", created.GetProperty("short_url").GetString());
        Assert.Equal("https://example.com/landing?src=x", created.GetProperty("url").GetString());
        Assert.Equal("active", created.GetProperty("status").GetString());

        using (var redirect = await Service.Client.FollowAsync(code, r =>
        {
            r.Headers.UserAgent.ParseAdd(Firefox);
            r.Headers.Referrer = new Uri("https://news.example.org/post/1");
            r.Headers.Add("CF-IPCountry", "NL");
        }))
        {
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal("https://example.com/landing?src=x", redirect.Headers.Location!.OriginalString);
            Assert.True(redirect.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: 0 }, redirect.Headers.CacheControl?.ToString());
        }
        using (await Service.Client.FollowAsync(code, r => { r.Headers.UserAgent.ParseAdd(IPhone); r.Headers.Add("CloudFront-Viewer-Country", "us"); }))
        {
        }
        using (await Service.Client.FollowAsync(code, r => r.Headers.UserAgent.ParseAdd(Firefox)))
        {
        }
        using (await Service.Client.FollowAsync(code, r => r.Headers.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")))
        {
        }

        var report = await Poll.UntilAsync(
            async () => (await (await owner.GetAsync($"api/v1/analytics/{code}")).ReadJsonAsync()),
            json => json.GetProperty("visits").GetInt64() == 3 && json.GetProperty("bots").GetInt64() == 1,
            TimeSpan.FromSeconds(30), "analytics of 3 visits and 1 bot");
        Assert.Equal(2, report.GetProperty("unique_visitors").GetInt64());
        Assert.Equal(1, report.GetProperty("referrers").GetProperty("news.example.org").GetInt64());
        Assert.Equal(2, report.GetProperty("referrers").GetProperty("direct").GetInt64());
        Assert.Equal(2, report.GetProperty("devices").GetProperty("desktop").GetInt64());
        Assert.Equal(1, report.GetProperty("devices").GetProperty("mobile").GetInt64());
        Assert.Equal(2, report.GetProperty("browsers").GetProperty("Firefox").GetInt64());
        Assert.Equal(1, report.GetProperty("operating_systems").GetProperty("iOS").GetInt64());
        Assert.Equal(1, report.GetProperty("countries").GetProperty("NL").GetInt64());
        Assert.Equal(1, report.GetProperty("countries").GetProperty("US").GetInt64());
        Assert.Equal(3, report.GetProperty("timeline").EnumerateArray().Sum(point => point.GetProperty("visits").GetInt64()));

        using var hourly = await owner.GetAsync($"api/v1/analytics/{code}?granularity=hour&from={DateTime.UtcNow:yyyy-MM-dd}&to={DateTime.UtcNow:yyyy-MM-dd}");
        var hours = (await hourly.ReadJsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(24, hours.Count);
        Assert.Equal(3, hours[DateTime.UtcNow.Hour].GetProperty("visits").GetInt64() + (DateTime.UtcNow.Hour > 0 ? hours[DateTime.UtcNow.Hour - 1].GetProperty("visits").GetInt64() : 0));
    }

    [Fact]
    public async Task A_burst_of_clicks_on_one_code_is_counted_exactly_once_each()
    {
        // More clicks than a day document remembers event ids, arriving concurrently: bulk deliveries group-commit
        // and write one document in several rounds; none may be lost or counted twice.
        const int clicks = 300;
        var owner = await Service.NewOwnerAsync();
        var code = await owner.ShortenAsync("https://example.com/burst");
        await Parallel.ForAsync(0, clicks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            using var redirect = await Service.Client.FollowAsync(code, r => r.Headers.UserAgent.ParseAdd(Firefox));
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        });

        var report = await Poll.UntilAsync(
            async () => await (await owner.GetAsync($"api/v1/analytics/{code}")).ReadJsonAsync(),
            json => json.GetProperty("visits").GetInt64() >= clicks,
            TimeSpan.FromSeconds(30), $"analytics of {clicks} visits");
        Assert.Equal(clicks, report.GetProperty("visits").GetInt64());
        Assert.Equal(1, report.GetProperty("unique_visitors").GetInt64());
    }

    [Fact]
    public async Task Unknown_codes_are_404_problems_and_malformed_codes_never_reach_the_store()
    {
        using var unknown = await Service.Client.FollowAsync("zzzzzzz");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        using var malformed = await Service.Client.FollowAsync("a'%20OR%201=1");
        await malformed.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Expired_urls_answer_410_from_their_expiry_on()
    {
        var owner = await Service.NewOwnerAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var code = (await owner.CreateAsync(new { url = "https://example.com/soon-gone", expires_at = expiresAt })).GetProperty("code").GetString()!;
        using (var before = await Service.Client.FollowAsync(code))
        {
            Assert.Equal(HttpStatusCode.Found, before.StatusCode);
        }
        var after = await Poll.UntilAsync(() => Service.Client.FollowAsync(code), r => r.StatusCode != HttpStatusCode.Found, TimeSpan.FromSeconds(10), "expiry");
        Assert.True(DateTimeOffset.UtcNow >= expiresAt);
        await after.AssertProblemAsync(HttpStatusCode.Gone);
        var stored = await (await owner.GetAsync($"api/v1/urls/{code}")).ReadJsonAsync();
        Assert.Equal("expired", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Visit_capped_urls_answer_410_once_the_cap_is_counted()
    {
        var owner = await Service.NewOwnerAsync();
        var code = (await owner.CreateAsync(new { url = "https://example.com/twice", max_visits = 2 })).GetProperty("code").GetString()!;
        for (var i = 0; i < 2; i++)
        {
            using var visit = await Service.Client.FollowAsync(code, r => r.Headers.UserAgent.ParseAdd(Firefox));
            Assert.Equal(HttpStatusCode.Found, visit.StatusCode);
        }
        var capped = await Poll.UntilAsync(() => Service.Client.FollowAsync(code), r => r.StatusCode == HttpStatusCode.Gone, TimeSpan.FromSeconds(30), "visit cap");
        await capped.AssertProblemAsync(HttpStatusCode.Gone);
        var stored = await (await owner.GetAsync($"api/v1/urls/{code}")).ReadJsonAsync();
        Assert.Equal("visit_cap_reached", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Forward_query_appends_the_visitors_query_string()
    {
        var owner = await Service.NewOwnerAsync();
        var code = (await owner.CreateAsync(new { url = "https://example.com/p?a=1#top", forward_query = true })).GetProperty("code").GetString()!;
        using var response = await Service.Client.GetAsync($"r/{code}?utm_source=mail");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://example.com/p?a=1&utm_source=mail#top", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Updates_and_deletes_take_effect_on_the_next_redirect()
    {
        var owner = await Service.NewOwnerAsync();
        var code = await owner.ShortenAsync("https://example.com/v1");
        using (var first = await Service.Client.FollowAsync(code))
        {
            Assert.Equal("https://example.com/v1", first.Headers.Location!.OriginalString);
        }

        using (var put = await owner.PutAsync($"api/v1/urls/{code}", JsonContent("""{"url":"https://example.com/v2","tags":["x"]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal("https://example.com/v2", (await put.ReadJsonAsync()).GetProperty("url").GetString());
        }
        await Poll.UntilAsync(() => Service.Client.FollowAsync(code), r => r.Headers.Location?.OriginalString == "https://example.com/v2",
            PropagationBudget.Allowed, "cache invalidation after update");

        using (var delete = await owner.DeleteAsync($"api/v1/urls/{code}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        var gone = await Poll.UntilAsync(() => Service.Client.FollowAsync(code), r => r.StatusCode == HttpStatusCode.Gone,
            PropagationBudget.Allowed, "cache invalidation after delete");
        await gone.AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("deleted", (await (await owner.GetAsync($"api/v1/urls/{code}")).ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(0, await owner.ListCountAsync());
        using var again = await owner.DeleteAsync($"api/v1/urls/{code}");
        await again.AssertProblemAsync(HttpStatusCode.Gone);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
