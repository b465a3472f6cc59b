using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>Hostile and malformed requests get problem+json and leave no trace: nothing listed, no quota used.</summary>
public sealed class BadInputTests(LocalServiceFixture fixture) : IClassFixture<LocalServiceFixture>
{
    private const int Quota = 5;
    private UrlShortenerInstance Service => fixture.Service;

    public static TheoryData<string, HttpStatusCode> MalformedBodies => new()
    {
        { """{"url": """, HttpStatusCode.BadRequest },
        { "not json at all", HttpStatusCode.BadRequest },
        { """["https://example.com/"]""", HttpStatusCode.BadRequest },
        { """{"url": 12345}""", HttpStatusCode.BadRequest },
        { """{"url": "https://example.com/", "max_visits": "lots"}""", HttpStatusCode.BadRequest },
        { """{"url": "https://example.com/", "expires_at": "tomorrow"}""", HttpStatusCode.BadRequest },
        { """{"url": "https://example.com/", "tags": "not-a-list"}""", HttpStatusCode.BadRequest },
        { "{\"url\": \"https://example.com/\u0000\"}", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_json_is_a_problem_and_stores_nothing(string body, HttpStatusCode status)
    {
        var owner = await Service.NewOwnerAsync(Quota);
        using var response = await owner.PostAsync("api/v1/urls", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(status);
        await AssertUntouchedAsync(owner);
    }

    public static TheoryData<string, string> HostileFields => new()
    {
        { """{"url": "javascript:alert(document.cookie)"}""", "url" },
        { """{"url": "data:text/html,<script>alert(1)</script>"}""", "url" },
        { """{"url": "https://admin:hunter2@example.com/"}""", "url" },
        { """{"url": "https://p\u0430ypal.com/login"}""", "url" },
        { """{"url": "https://example.com/\u202Efdp.exe"}""", "url" },
        { """{"url": "https://exa\u200Dmple.com/"}""", "url" },
        { """{"url": "https://example\uFF0Ecom/"}""", "url" },
        { """{"url": "https://sho.rt/r/abc"}""", "url" },
        { """{"url": "http://127.1/admin"}""", "url" },
        { """{"url": "https://example.com/", "custom_alias": "x' OR '1'='1"}""", "custom_alias" },
        { """{"url": "https://example.com/", "custom_alias": "a;DROP TABLE urls"}""", "custom_alias" },
        { """{"url": "https://example.com/", "custom_alias": "p\u0430ypal"}""", "custom_alias" },
        { """{"url": "https://example.com/", "custom_alias": "zero\u200Bwidth"}""", "custom_alias" },
        { """{"url": "https://example.com/", "tags": ["'; DELETE FROM urls;--"]}""", "tags" },
        { """{"url": "https://example.com/", "tags": ["a","b","c","d","e","f","g","h","i","j","k"]}""", "tags" },
        { """{"url": "https://example.com/", "tags": ["012345678901234567890123456789012"]}""", "tags" },
        { """{"url": "https://example.com/", "domain": "not-registered.example"}""", "domain" },
        { """{"url": "https://example.com/", "max_visits": 0}""", "max_visits" },
        { """{"url": "https://example.com/", "expires_at": "2001-01-01T00:00:00Z"}""", "expires_at" },
    };

    [Theory]
    [MemberData(nameof(HostileFields))]
    public async Task Hostile_fields_are_rejected_by_name_and_store_nothing(string body, string field)
    {
        var owner = await Service.NewOwnerAsync(Quota);
        using var response = await owner.PostAsync("api/v1/urls", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await AssertUntouchedAsync(owner);
    }

    [Fact]
    public async Task Oversized_fields_are_rejected()
    {
        var owner = await Service.NewOwnerAsync(Quota);
        var longUrl = "https://example.com/" + new string('a', 2048);
        await (await owner.PostAsJsonAsync("api/v1/urls", new { url = longUrl })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.PostAsJsonAsync("api/v1/urls", new { url = "https://example.com/", description = new string('d', 501) })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.PostAsJsonAsync("api/v1/urls", new { url = "https://example.com/", custom_alias = new string('a', 31) })).AssertProblemAsync(HttpStatusCode.BadRequest);
        using var longKey = new HttpRequestMessage(HttpMethod.Post, "api/v1/urls") { Content = JsonContent.Create(new { url = "https://example.com/" }) };
        longKey.Headers.Add("Idempotency-Key", new string('k', 256));
        await (await owner.SendAsync(longKey)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await AssertUntouchedAsync(owner);
    }

    [Theory]
    [InlineData("api/v1/urls")]
    [InlineData("api/v1/urls/bulk")]
    public async Task A_ten_megabyte_body_is_413(string path)
    {
        var owner = await Service.NewOwnerAsync(Quota);
        var huge = "{\"url\": \"https://example.com/" + new string('a', 10 * 1024 * 1024) + "\"}";
        // Expect: 100-continue lets the server refuse on Content-Length before the client streams 10 MB.
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await owner.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertUntouchedAsync(owner);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var owner = await Service.NewOwnerAsync(Quota);
        using var response = await owner.PostAsync("api/v1/urls", new StringContent("url=https://example.com/", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertUntouchedAsync(owner);
    }

    [Fact]
    public async Task Bad_updates_change_nothing()
    {
        var owner = await Service.NewOwnerAsync(Quota);
        var code = await owner.ShortenAsync("https://example.com/keep");
        await (await owner.PutAsync($"api/v1/urls/{code}", new StringContent("""{"url":"javascript:x"}""", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.PutAsync($"api/v1/urls/{code}", new StringContent("""{"url":""", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var stored = await (await owner.GetAsync($"api/v1/urls/{code}")).ReadJsonAsync();
        Assert.Equal("https://example.com/keep", stored.GetProperty("url").GetString());
        using var redirect = await Service.Client.FollowAsync(code);
        Assert.Equal("https://example.com/keep", redirect.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Bad_analytics_queries_are_problems()
    {
        var owner = await Service.NewOwnerAsync(Quota);
        var code = await owner.ShortenAsync("https://example.com/stats");
        await (await owner.GetAsync($"api/v1/analytics/{code}?granularity=minute")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.GetAsync($"api/v1/analytics/{code}?from=2020-01-01&to=2026-01-01")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.GetAsync($"api/v1/analytics/{code}?from=yesterday")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.GetAsync("api/v1/analytics/unknown")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>Nothing listed, and the full quota still available (the next valid create reports Quota-1 remaining).</summary>
    private static async Task AssertUntouchedAsync(HttpClient owner)
    {
        Assert.Equal(0, await owner.ListCountAsync());
        using var valid = await owner.PostAsJsonAsync("api/v1/urls", new { url = "https://example.com/after" });
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
        Assert.StartsWith($"\"monthly\";r={Quota - 1};", valid.Headers.GetValues("RateLimit").Single());
    }
}
