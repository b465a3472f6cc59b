using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.RateLimiter.Events;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.RateLimiter.Tests.Functional;

public class DecisionEventTests(SingleInstanceFixture fixture) : IClassFixture<SingleInstanceFixture>
{
    private readonly RateLimiterInstance _instance = fixture.Instance;

    [Fact]
    public async Task Decisions_are_published_as_per_second_aggregates_never_one_event_per_check()
    {
        var received = new ConcurrentQueue<RateLimitDecisionsAggregated>();
        await using var probe = await TestApp.StartAsync(app =>
        {
            app.MapGet("/dapr/subscribe", () => new[] { new { pubsubname = DaprComponents.PubSub, topic = nameof(RateLimitDecisionsAggregated), route = "/decisions" } });
            app.MapPost("/decisions", async (HttpRequest request) =>
            {
                var envelope = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                received.Enqueue(envelope.GetProperty("data").Deserialize<RateLimitDecisionsAggregated>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!);
                return Results.Ok();
            });
        });
        await using var probeSidecar = await SidecarUnderTest.StartAsync("decision-probe", fixture.Resources, appPort: probe.Port);
        using (var created = await _instance.Admin.PostAsJsonAsync("api/v1/policies", new { id = "events", algorithm = "fixed_window", limit = 3, window = "1h", key = new[] { "user" } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        for (var check = 0; check < 50; check++)
        {
            using var response = await _instance.Http.PostAsJsonAsync("api/v1/ratelimit/check", new { descriptors = new Dictionary<string, string> { ["user"] = "events-user" } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Eventually.Within(TimeSpan.FromSeconds(10), () => Totals(received) == (3, 47), $"aggregates for 'events' never added up to 3 allowed / 47 denied (got {Totals(received)})");
        Assert.True(received.Count < 50, $"{received.Count} events for 50 checks");
    }

    private static (long Allowed, long Denied) Totals(IEnumerable<RateLimitDecisionsAggregated> events)
    {
        var counts = events.SelectMany(aggregate => aggregate.Policies).Where(policy => policy.PolicyId == "events").ToList();
        return (counts.Sum(policy => policy.Allowed), counts.Sum(policy => policy.Denied));
    }
}
