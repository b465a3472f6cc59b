using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AmazonScale.UrlShortener.Tests.Functional;

public sealed class OwnerApiTests(LocalServiceFixture fixture) : IClassFixture<LocalServiceFixture>
{
    private UrlShortenerInstance Service => fixture.Service;

    [Fact]
    public async Task Bulk_create_reports_a_status_per_item()
    {
        var owner = await Service.NewOwnerAsync();
        await owner.CreateAsync(new { url = "https://example.com/taken", custom_alias = "bulk-taken" });
        var items = new object?[]
        {
            new { url = "https://example.com/1" },
            new { url = "javascript:alert(1)" },
            new { url = "https://example.com/2", custom_alias = "bulk-taken" },
            null,
            new { url = "https://example.com/3", custom_alias = "bulk-fresh", tags = new[] { "t" } },
            new { url = "https://example.com/4", custom_alias = "api" },
        };
        using var response = await owner.PostAsJsonAsync("api/v1/urls/bulk", new { items });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var statuses = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetInt32()).ToList();
        Assert.Equal([201, 400, 409, 400, 201, 400], statuses);
        Assert.Equal(2, body.GetProperty("created").GetInt32());
        Assert.Equal(4, body.GetProperty("failed").GetInt32());
        var invalid = body.GetProperty("results")[1].GetProperty("problem");
        Assert.Equal(400, invalid.GetProperty("status").GetInt32());
        Assert.True(invalid.GetProperty("errors").TryGetProperty("url", out _));
        Assert.Equal("bulk-fresh", body.GetProperty("results")[4].GetProperty("url").GetProperty("code").GetString());
        Assert.Equal(3, await owner.ListCountAsync());
    }

    [Fact]
    public async Task Bulk_create_accepts_at_most_1000_items()
    {
        var owner = await Service.NewOwnerAsync();
        var tooMany = Enumerable.Range(0, UrlShortenerApi.MaxBulkItems + 1).Select(i => new { url = $"https://example.com/{i}" });
        using var over = await owner.PostAsJsonAsync("api/v1/urls/bulk", new { items = tooMany });
        await over.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var empty = await owner.PostAsJsonAsync("api/v1/urls/bulk", new { items = Array.Empty<object>() });
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await owner.ListCountAsync());
    }

    [Fact]
    public async Task Owners_cannot_see_change_or_delete_each_others_urls()
    {
        var alice = await Service.NewOwnerAsync();
        var bob = await Service.NewOwnerAsync();
        var code = await alice.ShortenAsync("https://example.com/alice");

        await (await bob.GetAsync($"api/v1/urls/{code}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.PutAsJsonAsync($"api/v1/urls/{code}", new { url = "https://evil.example/" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.DeleteAsync($"api/v1/urls/{code}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.GetAsync($"api/v1/analytics/{code}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.GetAsync("api/v1/urls/nosuchcode")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await bob.ListCountAsync());

        using var redirect = await Service.Client.FollowAsync(code);
        Assert.Equal("https://example.com/alice", redirect.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Calls_without_a_valid_api_key_are_401_problems()
    {
        await (await Service.Client.GetAsync("api/v1/urls")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var stranger = Service.ClientFor("usk_not-a-real-key");
        await (await stranger.PostAsJsonAsync("api/v1/urls", new { url = "https://example.com/" })).AssertProblemAsync(HttpStatusCode.Unauthorized);

        using var wrongAdmin = new HttpRequestMessage(HttpMethod.Post, "api/v1/admin/api-keys") { Content = JsonContent.Create(new { name = "x" }) };
        wrongAdmin.Headers.Add("X-Admin-Key", UrlShortenerInstance.AdminKey + "x");
        await (await Service.Client.SendAsync(wrongAdmin)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var owner = await Service.NewOwnerAsync();
        await (await owner.PostAsJsonAsync("api/v1/admin/api-keys", new { name = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Monthly_quota_answers_429_with_retry_after_and_ratelimit_headers()
    {
        var owner = await Service.NewOwnerAsync(monthlyQuota: 2);
        // Rejected input costs no quota.
        await (await owner.PostAsJsonAsync("api/v1/urls", new { url = "ftp://example.com/" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        for (var i = 0; i < 2; i++)
        {
            using var ok = await owner.PostAsJsonAsync("api/v1/urls", new { url = $"https://example.com/{i}" });
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
            Assert.StartsWith($"\"monthly\";r={1 - i};t=", ok.Headers.GetValues("RateLimit").Single());
        }

        using var limited = await owner.PostAsJsonAsync("api/v1/urls", new { url = "https://example.com/3" });
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        var period = AmazonScale.UrlShortener.Domain.QuotaPeriod.Containing(DateTimeOffset.UtcNow);
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), period.End - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5));
        Assert.StartsWith("\"monthly\";q=2;w=", limited.Headers.GetValues("RateLimit-Policy").Single());
        Assert.StartsWith("\"monthly\";r=0;t=", limited.Headers.GetValues("RateLimit").Single());
        Assert.Equal(2, await owner.ListCountAsync());
    }

    [Fact]
    public async Task Quota_holds_exactly_under_concurrent_creates()
    {
        var owner = await Service.NewOwnerAsync(monthlyQuota: 10);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var response = await owner.PostAsJsonAsync("api/v1/urls", new { url = $"https://example.com/{i}" });
            return response.StatusCode;
        }));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(10, await owner.ListCountAsync());
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_response_and_refuses_a_different_body()
    {
        var owner = await Service.NewOwnerAsync();
        var key = Guid.NewGuid().ToString();
        var first = await SendWithKeyAsync(owner, key, new { url = "https://example.com/once" });
        var second = await SendWithKeyAsync(owner, key, new { url = "https://example.com/once" });

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first.Body.GetProperty("code").GetString(), second.Body.GetProperty("code").GetString());
        Assert.Equal(first.Location, second.Location);
        Assert.True(second.Replayed);
        Assert.False(first.Replayed);
        Assert.Equal(1, await owner.ListCountAsync());

        using var mismatch = new HttpRequestMessage(HttpMethod.Post, "api/v1/urls") { Content = JsonContent.Create(new { url = "https://example.com/other" }) };
        mismatch.Headers.Add("Idempotency-Key", key);
        await (await owner.SendAsync(mismatch)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        // Keys are per owner: another owner's identical key is a new request.
        var other = await Service.NewOwnerAsync();
        var theirs = await SendWithKeyAsync(other, key, new { url = "https://example.com/once" });
        Assert.NotEqual(first.Body.GetProperty("code").GetString(), theirs.Body.GetProperty("code").GetString());
        Assert.Equal(1, await owner.ListCountAsync());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_create_one_url()
    {
        var owner = await Service.NewOwnerAsync();
        var key = Guid.NewGuid().ToString();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendWithKeyAsync(owner, key, new { url = "https://example.com/race" })));
        Assert.All(attempts, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Single(attempts, a => a is { Status: HttpStatusCode.Created, Replayed: false });
        Assert.Equal(1, await owner.ListCountAsync());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, Uri? Location, bool Replayed)> SendWithKeyAsync(HttpClient owner, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/urls") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await owner.SendAsync(request);
        return (response.StatusCode, await response.ReadJsonAsync(), response.Headers.Location, response.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Idempotent_bulk_create_replays_too()
    {
        var owner = await Service.NewOwnerAsync();
        var body = new { items = new[] { new { url = "https://example.com/a" }, new { url = "https://example.com/b" } } };
        string? firstCodes = null;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/urls/bulk") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "bulk-1");
            using var response = await owner.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var codes = string.Join(",", (await response.ReadJsonAsync()).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetProperty("code").GetString()));
            firstCodes ??= codes;
            Assert.Equal(firstCodes, codes);
        }
        Assert.Equal(2, await owner.ListCountAsync());
    }

    [Fact]
    public async Task Listing_filters_by_tag_and_pages_newest_first()
    {
        var owner = await Service.NewOwnerAsync();
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var tags = i % 2 == 0 ? new[] { "even" } : new[] { "odd" };
            codes.Add((await owner.CreateAsync(new { url = $"https://example.com/{i}", tags })).GetProperty("code").GetString()!);
            await Task.Delay(2);
        }
        var page = await (await owner.GetAsync("api/v1/urls?tag=even&page=1&page_size=2")).ReadJsonAsync();
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal([codes[4], codes[2]], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        var next = await (await owner.GetAsync("api/v1/urls?tag=even&page=2&page_size=2")).ReadJsonAsync();
        Assert.Equal([codes[0]], next.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        await (await owner.GetAsync("api/v1/urls?page_size=1000")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.GetAsync("api/v1/urls?tag=bad%20tag")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Custom_aliases_are_first_come_first_served()
    {
        var alice = await Service.NewOwnerAsync();
        var bob = await Service.NewOwnerAsync();
        var alias = "sale-" + Guid.NewGuid().ToString("N")[..8];
        await alice.CreateAsync(new { url = "https://example.com/a", custom_alias = alias });
        await (await bob.PostAsJsonAsync("api/v1/urls", new { url = "https://example.com/b", custom_alias = alias })).AssertProblemAsync(HttpStatusCode.Conflict);
        var reserved = await (await bob.PostAsJsonAsync("api/v1/urls", new { url = "https://example.com/b", custom_alias = "Admin" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("reserved", reserved.GetProperty("errors").GetProperty("custom_alias")[0].GetString());
        using var redirect = await Service.Client.FollowAsync(alias);
        Assert.Equal("https://example.com/a", redirect.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Branded_domains_serve_their_codes_on_their_own_host()
    {
        var owner = await Service.NewOwnerAsync();
        var host = $"go{Guid.NewGuid():N}.example.com";
        using (var claim = await owner.PostAsJsonAsync("api/v1/domains", new { host = host.ToUpperInvariant() }))
        {
            Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        }
        using (var again = await owner.PostAsJsonAsync("api/v1/domains", new { host }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        var rival = await Service.NewOwnerAsync();
        await (await rival.PostAsJsonAsync("api/v1/domains", new { host })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await rival.PostAsJsonAsync("api/v1", new { host })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await rival.PostAsJsonAsync("api/v1/urls", new { url = "https://example.com/", domain = host })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var loop = await (await rival.PostAsJsonAsync("api/v1/urls", new { url = $"https://{host}/x" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(loop.GetProperty("errors").TryGetProperty("url", out _));

        var created = await owner.CreateAsync(new { url = "https://example.com/branded", domain = host });
        var code = created.GetProperty("code").GetString()!;
        Assert.Equal($"https://{host}/{code}", created.GetProperty("short_url").GetString());

        using var onBrand = new HttpRequestMessage(HttpMethod.Get, code);
        onBrand.Headers.Host = host;
        using (var response = await Service.Client.SendAsync(onBrand))
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("https://example.com/branded", response.Headers.Location!.OriginalString);
        }
        await (await Service.Client.GetAsync(code)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        using var response = await Service.Client.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadAsStringAsync();
        foreach (var operation in new[] { "CreateUrl", "CreateUrls", "ListUrls", "GetUrl", "UpdateUrl", "DeleteUrl", "GetAnalytics", "CreateApiKey", "RegisterDomain", "FollowShortLink", "FollowBrandedLink" })
        {
            Assert.Contains($"\"operationId\": \"{operation}\"", document);
        }
        Assert.DoesNotContain("/events/", document);
    }
}
