using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.TestSupport;
using AmazonScale.UrlShortener.Events;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>
/// The deployed topology: a redirect edge (ConsumeVisits false) and an analytics consumer of the same app id over shared
/// components. Only the consumer subscribes to the click stream; clicks served by the edge are counted once and
/// readable through either instance; the edge still takes cache invalidations.
/// </summary>
public sealed class EdgeAndAnalyticsConsumerTests
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
    private const int ClicksPerWave = 25;
    private static readonly TimeSpan CountedWithin = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string?> Edge = new() { ["UrlShortener:ConsumeVisits"] = "false" };

    [Fact]
    public async Task Only_the_consumer_subscribes_to_clicks_and_both_take_cache_invalidations()
    {
        await using var pair = await ServicePair.StartLocalAsync(Edge);
        var (edge, consumer) = (pair.First, pair.Second);

        var edgeTopics = await AdvertisedTopicsAsync(edge.Client);
        Assert.Contains($"{DaprComponents.Broadcast}/{nameof(UrlChanged)}", edgeTopics);
        Assert.DoesNotContain($"{DaprComponents.PubSub}/{nameof(UrlVisitBatch)}", edgeTopics);
        Assert.Contains($"{DaprComponents.PubSub}/{nameof(UrlVisitBatch)}", await AdvertisedTopicsAsync(consumer.Client));
        // What the edge's sidecar actually subscribed to, as its metadata API reports it.
        var subscribed = (await edge.Sidecar.Http.GetFromJsonAsync<JsonElement>("v1.0/metadata")).GetProperty("subscriptions").EnumerateArray()
            .Select(subscription => subscription.GetProperty("topic").GetString()).ToList();
        Assert.Equal([nameof(UrlChanged)], subscribed);

        await TwoInstanceTests.AssertCachesAgreeAsync(pair);
    }

    [Fact]
    public async Task Clicks_on_the_edge_are_counted_once_by_the_consumer_and_readable_through_either()
    {
        await using var pair = await ServicePair.StartLocalAsync(Edge);
        await AssertClicksCountedOnceAsync(pair.First, pair.Second);
    }

    [SkippableFact]
    public async Task Clicks_on_the_edge_are_counted_once_by_the_consumer_on_redis()
    {
        using var redis = await RedisServer.StartAsync();
        await using var pair = await ServicePair.StartRedisAsync(redis.Address, Edge);
        await AssertClicksCountedOnceAsync(pair.First, pair.Second);
    }

    /// <summary>
    /// Two waves of clicks on the edge; each must be counted exactly (a wave counted twice overshoots the next total,
    /// which the poll never accepts), and the consumer's own API reports the same numbers.
    /// </summary>
    private static async Task AssertClicksCountedOnceAsync(UrlShortenerInstance edge, UrlShortenerInstance consumer)
    {
        var key = await edge.CreateApiKeyAsync();
        var (onEdge, onConsumer) = (edge.ClientFor(key), consumer.ClientFor(key));
        var code = await onEdge.ShortenAsync("https://example.com/counted");
        for (var wave = 1; wave <= 2; wave++)
        {
            await Task.WhenAll(Enumerable.Range(0, ClicksPerWave).Select(async _ =>
            {
                using var redirect = await edge.Client.FollowAsync(code, r => r.Headers.UserAgent.ParseAdd(Firefox));
                Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            }));
            var expected = wave * ClicksPerWave;
            await Poll.UntilAsync(() => VisitsAsync(onEdge, code), visits => visits == expected, CountedWithin, $"{expected} visits reported by the edge");
            Assert.Equal(expected, await VisitsAsync(onConsumer, code));
        }
    }

    private static async Task<long> VisitsAsync(HttpClient owner, string code)
    {
        using var response = await owner.GetAsync($"api/v1/analytics/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("visits").GetInt64();
    }

    /// <summary>"pubsubname/topic" of every subscription the app advertises to its sidecar on /dapr/subscribe.</summary>
    private static async Task<List<string>> AdvertisedTopicsAsync(HttpClient app) =>
        [.. (await app.GetFromJsonAsync<JsonElement>("dapr/subscribe")).EnumerateArray()
            .Select(subscription => $"{subscription.GetProperty("pubsubName").GetString()}/{subscription.GetProperty("topic").GetString()}")];
}
