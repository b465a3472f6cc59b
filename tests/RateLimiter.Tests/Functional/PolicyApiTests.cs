using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AmazonScale.RateLimiter.Tests.Functional;

public class PolicyApiTests(SingleInstanceFixture fixture) : IClassFixture<SingleInstanceFixture>
{
    private readonly RateLimiterInstance _instance = fixture.Instance;

    [Fact]
    public async Task Policies_can_be_created_read_listed_replaced_and_deleted()
    {
        using var created = await _instance.Admin.PostAsJsonAsync("api/v1/policies", new { id = "crud", algorithm = "token_bucket", limit = 10, window = "1m", burst = 20, key = new[] { "user" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("token_bucket", (string?)body!["algorithm"]);
        Assert.Equal(1, (long?)body["version"]);

        using var duplicate = await _instance.Admin.PostAsJsonAsync("api/v1/policies", new { id = "crud", algorithm = "fixed_window", limit = 1, window = "1s" });
        await Problems.AssertAsync(duplicate, HttpStatusCode.Conflict);

        using var replaced = await _instance.Admin.PutAsJsonAsync("api/v1/policies/crud", new { algorithm = "sliding_window_log", limit = 5, window = "2h", shadow = true });
        var replacedBody = await replaced.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("sliding_window_log", "2h", 2L, true), ((string?)replacedBody!["algorithm"], (string?)replacedBody["window"], (long)replacedBody["version"]!, (bool)replacedBody["shadow"]!));

        var listed = await _instance.Admin.GetFromJsonAsync<JsonArray>("api/v1/policies");
        Assert.Contains(listed!, policy => (string?)policy!["id"] == "crud");

        using var deleted = await _instance.Admin.DeleteAsync("api/v1/policies/crud");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problems.AssertAsync(await _instance.Admin.GetAsync("api/v1/policies/crud"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await _instance.Admin.DeleteAsync("api/v1/policies/crud"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Administration_requires_the_admin_key()
    {
        await Problems.AssertAsync(await _instance.Http.GetAsync("api/v1/policies"), HttpStatusCode.Unauthorized);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "api/v1/policies") { Headers = { { "X-Admin-Key", RateLimiterInstance.AdminKey + "x" } } };
        await Problems.AssertAsync(await _instance.Http.SendAsync(wrongKey), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"id":"Bad Id","algorithm":"fixed_window","limit":1,"window":"1s"}""", "id")]
    [InlineData("""{"id":"no-limit","algorithm":"fixed_window","window":"1s"}""", "limit")]
    [InlineData("""{"id":"bad-window","algorithm":"fixed_window","limit":1,"window":"1w"}""", "window")]
    [InlineData("""{"id":"big-log","algorithm":"sliding_window_log","limit":100001,"window":"1s"}""", "limit")]
    [InlineData("""{"id":"burst","algorithm":"fixed_window","limit":1,"window":"1s","burst":5}""", "burst")]
    [InlineData("""{"id":"no-algorithm","limit":1,"window":"1s"}""", "algorithm")]
    public async Task Invalid_policies_are_rejected_with_problem_details_naming_the_field(string json, string field)
    {
        using var response = await _instance.Admin.PostAsync("api/v1/policies", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("""{"algorithm":"teapot","limit":1,"window":"1s"}""")]
    [InlineData("""{"algorithm":""")]
    public async Task Malformed_json_is_a_problem_too(string json)
    {
        using var response = await _instance.Admin.PutAsync("api/v1/policies/malformed", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Client_assignments_of_a_missing_policy_are_not_found_and_invalid_ones_rejected()
    {
        await Problems.AssertAsync(await _instance.Admin.PutAsJsonAsync("api/v1/policies/nobody/clients", new[] { new { client_id = "c", limit = 1 } }), HttpStatusCode.NotFound);
        var invalid = await Problems.AssertAsync(
            await _instance.Admin.PutAsJsonAsync("api/v1/policies/nobody/clients", new[] { new { client_id = "", limit = 0 } }), HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["clients[0].client_id"]);
    }
}
