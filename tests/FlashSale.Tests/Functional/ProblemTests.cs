using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>Bad input of every kind is answered with RFC 9457 problem+json and the right status.</summary>
[Collection(StackCollection.Name)]
public sealed class ProblemTests(StackFixture fixture)
{
    private readonly SaleStack _stack = fixture.Stack;

    public static TheoryData<string, string, string?, HttpStatusCode> BadRequests => new()
    {
        { "POST", "api/v1/sales", """{"sku":"x","units":0,"price":-1}""", HttpStatusCode.BadRequest },
        { "POST", "api/v1/sales", """{"sku":"x","units":""", HttpStatusCode.BadRequest },
        { "POST", "api/v1/sales", """{"sku":"x","units":5,"price":1,"queue_mode":"lifo"}""", HttpStatusCode.BadRequest },
        { "POST", "api/v1/sales", $$"""{"sku":"{{new string('x', 20_000)}}"}""", HttpStatusCode.RequestEntityTooLarge },
        { "GET", "api/v1/sales/nosuchsale", null, HttpStatusCode.NotFound },
        { "GET", "api/v1/sales/Not-An-Id!", null, HttpStatusCode.NotFound },
        { "POST", "api/v1/sales/problems/queue", """{"customer_id":"has space"}""", HttpStatusCode.BadRequest },
        { "POST", "api/v1/sales/problems/queue", """{}""", HttpStatusCode.BadRequest },
        { "GET", "api/v1/sales/problems/queue/forged.token", null, HttpStatusCode.Forbidden },
        { "GET", "api/v1/sales/problems/queue/forged.token/events", null, HttpStatusCode.Forbidden },
        { "POST", "api/v1/sales/problems/reserve", """{"admission_token":"forged.token"}""", HttpStatusCode.Forbidden },
        { "POST", "api/v1/sales/problems/checkout", """{"reservation_token":"forged.token"}""", HttpStatusCode.Forbidden },
        { "GET", "api/v1/sales/problems/reservations/forged.token", null, HttpStatusCode.Forbidden },
        { "POST", "api/v1/sales/nosuchsale/queue", """{"customer_id":"zed"}""", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_answered_with_problem_json(string method, string path, string? body, HttpStatusCode expected)
    {
        await _stack.CreateSaleAsync(new { id = "problems", sku = "x", units = 5, price = 1m });
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await _stack.Admin.SendAsync(request);
        await AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task Admin_endpoints_refuse_a_missing_or_wrong_key()
    {
        var anonymous = _stack.NewShopper("nobody").Http;
        using var create = await anonymous.PostAsJsonAsync("api/v1/sales", new { sku = "x", units = 5, price = 1m });
        await AssertProblemAsync(create, HttpStatusCode.Unauthorized);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "api/v1/bot-defence/stats") { Headers = { { "X-Admin-Key", "wrong" } } };
        using var stats = await anonymous.SendAsync(wrong);
        await AssertProblemAsync(stats, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_of_one_sale_is_refused_by_another_and_a_changed_definition_conflicts()
    {
        await _stack.CreateSaleAsync(new { id = "problems", sku = "x", units = 5, price = 1m });
        var other = await _stack.CreateSaleAsync(new { id = "problems_other", sku = "x", units = 5, price = 1m });
        var joined = await _stack.NewShopper("crosser").JoinAsync("problems");
        using var status = await _stack.Admin.GetAsync($"api/v1/sales/{other.Id}/queue/{joined.Body!.QueueToken}");
        await AssertProblemAsync(status, HttpStatusCode.Forbidden);
        using var conflict = await _stack.Admin.PostAsJsonAsync("api/v1/sales", new { id = "problems", sku = "x", units = 6, price = 1m });
        await AssertProblemAsync(conflict, HttpStatusCode.Conflict);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":" + (int)expected, body);
    }
}
