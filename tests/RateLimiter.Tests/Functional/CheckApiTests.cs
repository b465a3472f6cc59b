using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AmazonScale.RateLimiter.Tests.Domain;

namespace AmazonScale.RateLimiter.Tests.Functional;

public class CheckApiTests(SingleInstanceFixture fixture) : IClassFixture<SingleInstanceFixture>
{
    private readonly RateLimiterInstance _instance = fixture.Instance;

    private async Task CreatePolicyAsync(object policy)
    {
        using var response = await _instance.Admin.PostAsJsonAsync("api/v1/policies", policy);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<JsonObject> CheckAsync(object body)
    {
        using var response = await _instance.Http.PostAsJsonAsync("api/v1/ratelimit/check", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Enforce_answers_429_problem_json_with_retry_after_and_ietf_headers()
    {
        await CreatePolicyAsync(new { id = "enforced", algorithm = "fixed_window", limit = 2, window = "1h", key = new[] { "api_key" } });
        var check = new { descriptors = new Dictionary<string, string> { ["api_key"] = "k-enforced" } };

        using (var first = await _instance.Http.PostAsJsonAsync("api/v1/ratelimit/enforce", check))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
            var limit = StructuredFieldList.Parse(first.Headers.GetValues("RateLimit").Single());
            Assert.Equal(("enforced", 1L), (limit[0].Item, limit[0].Parameters["r"]));
        }
        (await _instance.Http.PostAsJsonAsync("api/v1/ratelimit/enforce", check)).Dispose();
        using var denied = await _instance.Http.PostAsJsonAsync("api/v1/ratelimit/enforce", check);

        Assert.Equal(HttpStatusCode.TooManyRequests, denied.StatusCode);
        var retryAfter = denied.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var policy = StructuredFieldList.Parse(denied.Headers.GetValues("RateLimit-Policy").Single()).Single();
        Assert.Equal(("enforced", 2L, 3600L), (policy.Item, policy.Parameters["q"], policy.Parameters["w"]));
        var rateLimit = StructuredFieldList.Parse(denied.Headers.GetValues("RateLimit").Single()).Single();
        Assert.Equal(0L, rateLimit.Parameters["r"]);
        Assert.Equal((long)retryAfter.TotalSeconds, rateLimit.Parameters["t"]);
        var problem = await Problems.AssertAsync(denied, HttpStatusCode.TooManyRequests);
        Assert.Equal("enforced", (string?)problem["policy_applied"]);
    }

    [Fact]
    public async Task Check_reports_remaining_quota_reset_time_and_the_policy_applied()
    {
        await CreatePolicyAsync(new { id = "checked", algorithm = "token_bucket", limit = 10, window = "10s", burst = 3, key = new[] { "client_id" } });

        var first = await CheckAsync(new { client_id = "c-checked", weight = 2 });
        var second = await CheckAsync(new { client_id = "c-checked", weight = 2 });

        Assert.Equal((true, 1L, "checked"), ((bool)first["allowed"]!, (long)first["remaining_quota"]!, (string?)first["policy_applied"]));
        Assert.True(DateTimeOffset.Parse((string)first["reset_time"]!) > DateTimeOffset.UtcNow);
        Assert.Equal((false, 1L), ((bool)second["allowed"]!, (long)second["retry_after"]!));
    }

    [Fact]
    public async Task Hierarchy_denies_on_the_strictest_matching_policy_and_assignments_override_limits()
    {
        await CreatePolicyAsync(new { id = "h-user", algorithm = "sliding_window_counter", limit = 5, window = "1h", key = new[] { "user" } });
        await CreatePolicyAsync(new { id = "h-search", algorithm = "sliding_window_log", limit = 1, window = "1h", key = new[] { "user" }, match = new Dictionary<string, string> { ["resource"] = "/search" } });
        using (var assigned = await _instance.Admin.PutAsJsonAsync("api/v1/policies/h-search/clients", new[] { new { client_id = "vip", limit = 3, priority = 1 } }))
        {
            Assert.Equal(3, (long)(await assigned.Content.ReadFromJsonAsync<JsonObject>())!["clients"]![0]!["limit"]!);
        }
        await WaitForPolicyAsync("h-search", version: 2);

        var search = new { client_id = "regular", descriptors = new Dictionary<string, string> { ["user"] = "u-h", ["resource"] = "/search" } };
        Assert.True((bool)(await CheckAsync(search))["allowed"]!);
        var denied = await CheckAsync(search);
        Assert.Equal((false, "h-search"), ((bool)denied["allowed"]!, (string?)denied["policy_applied"]));

        var vip = new { client_id = "vip", descriptors = new Dictionary<string, string> { ["user"] = "u-vip", ["resource"] = "/search" } };
        var vipResults = new List<bool>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            vipResults.Add((bool)(await CheckAsync(vip))["allowed"]!);
        }
        Assert.Equal([true, true, true, false], vipResults);

        var status = await _instance.Http.GetFromJsonAsync<JsonObject>("api/v1/ratelimit/status?client_id=regular&user=u-h&resource=/search");
        var usage = status!["policies"]!.AsArray().ToDictionary(policy => (string)policy!["policy"]!, policy => (long)policy!["remaining"]!);
        Assert.Equal(4, usage["h-user"]);
        Assert.Equal(0, usage["h-search"]);
    }

    [Fact]
    public async Task Shadow_policies_never_block_but_report_what_they_would_have_done()
    {
        await CreatePolicyAsync(new { id = "shadowed", algorithm = "fixed_window", limit = 1, window = "1h", shadow = true, key = new[] { "ip" } });
        var check = new { descriptors = new Dictionary<string, string> { ["ip"] = "10.9.9.9" } };

        await CheckAsync(check);
        using var second = await _instance.Http.PostAsJsonAsync("api/v1/ratelimit/enforce", check);

        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        var verdict = (await CheckAsync(check))["policies"]![0]!;
        Assert.Equal((false, true), ((bool)verdict["allowed"]!, (bool)verdict["shadow"]!));
    }

    [Theory]
    [InlineData("""{"client_id":"c","weight":0}""", "weight")]
    [InlineData("""{"client_id":"c","weight":1000001}""", "weight")]
    [InlineData("""{}""", "client_id")]
    [InlineData("""{"descriptors":{"Bad Name":"x"}}""", "descriptors")]
    public async Task Invalid_checks_are_rejected_with_problem_details(string json, string field)
    {
        using var response = await _instance.Http.PostAsync("api/v1/ratelimit/check", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Oversized_values_and_bodies_are_rejected()
    {
        var longValue = new string('x', 257);
        await Problems.AssertAsync(
            await _instance.Http.PostAsJsonAsync("api/v1/ratelimit/check", new { client_id = longValue }), HttpStatusCode.BadRequest);
        var huge = new string('x', 300 * 1024);
        using var tooLarge = await _instance.Http.PostAsync("api/v1/ratelimit/check", new StringContent($$"""{"client_id":"{{huge}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    private async Task WaitForPolicyAsync(string id, long version)
    {
        var engine = _instance.Services.GetRequiredService<RateLimiter.Domain.RateLimitEngine>();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((engine.Find(id)?.Version ?? 0) < version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"policy {id} v{version} was not applied within 5 s");
            await Task.Delay(20);
        }
    }
}
