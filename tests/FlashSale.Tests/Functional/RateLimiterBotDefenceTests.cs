using System.Net;
using System.Net.Http.Json;
using AmazonScale.FlashSale.BotDefence;
using AmazonScale.RateLimiter;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Services;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// Bot defence backed by the real rate-limiter service (Dapr invocation): flash-sale creates its join policies there,
/// the shared limit refuses a customer over it, the shared network threshold makes a farm in one /24 solve challenges,
/// and when the rate limiter goes away the local limiter takes over.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RateLimiterBotDefenceTests : IAsyncLifetime
{
    private const string RateLimiterAdminKey = "test-rate-limiter-key";
    private readonly ResourcesFolder _resources = new();
    private ServiceUnderTest<RateLimiterOptions>? _rateLimiter;
    private ServiceUnderTest<FlashSaleOptions>? _flashSale;

    public async Task InitializeAsync()
    {
        _resources
            .Write("statestore.yaml", ComponentYaml.Create(DaprComponents.StateStore, "state.in-memory", ("actorStateStore", "true")))
            .Write("pubsub.yaml", ComponentYaml.InMemoryPubSub(DaprComponents.PubSub))
            .Write("broadcast.yaml", ComponentYaml.InMemoryPubSub("broadcast", ComponentYaml.EveryInstance));
        _rateLimiter = await ServiceUnderTest<RateLimiterOptions>.StartAsync("rate-limiter", _resources, new Dictionary<string, string?>
        {
            ["RateLimiter:AdminKey"] = RateLimiterAdminKey,
            // Its own endpoints from configuration move to free ports; the test host listens on the app port itself.
            ["RateLimiter:Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["RateLimiter:Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        var settings = SaleStack.FlashSaleSettings(botDefence: true);
        settings["FlashSale:BotDefence:RateLimiterAdminKey"] = RateLimiterAdminKey;
        settings["FlashSale:BotDefence:RateLimiterRetryInterval"] = "00:00:00.500";
        // This test is about the shared limits: a slow answer on a loaded machine must not hand the decision to the
        // local limiter (connection refused, once the rate limiter is gone, still fails fast).
        settings["FlashSale:BotDefence:RateLimiterTimeout"] = "00:00:10";
        _flashSale = await ServiceUnderTest<FlashSaleOptions>.StartAsync("flash-sale", _resources, settings);
    }

    [Fact]
    public async Task The_shared_limit_refuses_a_customer_over_it_and_the_local_limiter_takes_over_when_the_rate_limiter_is_gone()
    {
        var rateLimiterAdmin = _rateLimiter!.CreateClient(("X-Admin-Key", RateLimiterAdminKey));
        var probes = 0;
        // Stored is not yet enforced: the rate limiter applies policy changes within its propagation budget, so wait
        // until a probe customer's check is decided by flash-sale's customer policy.
        await Poll.UntilAsync(
            async () =>
            {
                // A fresh customer and network each time: no probe is ever over a limit, and none counts against a
                // customer or network this test watches.
                var n = ++probes;
                using var probe = await rateLimiterAdmin.PostAsJsonAsync("api/v1/ratelimit/check", new
                {
                    descriptors = new Dictionary<string, string> { ["flash_sale"] = "join", ["ip"] = $"198.18.{n}.1", ["network"] = $"198.18.{n}.0/24", ["customer"] = $"probe-{n}" },
                    weight = 1,
                });
                return await probe.Content.ReadAsStringAsync();
            },
            // The network threshold is the last policy flash-sale creates.
            body => body.Contains($"\"{RateLimiterGate.PolicyIdPrefix}customer\"", StringComparison.Ordinal)
                && body.Contains($"\"{RateLimiterGate.NetworkThresholdPolicyId}\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "flash-sale's join policies enforced by the rate limiter");
        var admin = _flashSale!.CreateClient(("X-Admin-Key", SaleStack.AdminKey), ("User-Agent", Shopper.BrowserUserAgent));
        using (var created = await admin.PostAsJsonAsync("api/v1/sales", new { id = "limited", sku = "gpu", units = 5, price = 1m }))
        {
            Assert.True(created.IsSuccessStatusCode);
        }

        var everyJoin = new List<HttpStatusCode>();
        var codes = await JoinWindow.WithinOneWindowAsync(async round =>
        {
            var shopper = new Shopper(_flashSale.CreateClient(("User-Agent", Shopper.BrowserUserAgent)), $"eager-{round}");
            var attempts = new List<HttpStatusCode>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                attempts.Add((await shopper.JoinAsync("limited")).Status);
            }
            everyJoin.AddRange(attempts);
            return attempts;
        });
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);

        // A farm in one /24, one join per IP: the shared (shadow) network threshold of 8 makes the rest solve challenges.
        var farm = await JoinWindow.WithinOneWindowAsync(async round =>
        {
            var members = new List<HttpStatusCode>();
            for (var bot = 1; bot <= 10; bot++)
            {
                var member = new Shopper(_flashSale.CreateClient(("User-Agent", Shopper.BrowserUserAgent), ("X-Forwarded-For", $"192.0.{2 + round}.{bot}")), $"farm{round}-{bot}");
                members.Add((await member.JoinAsync("limited")).Status);
            }
            everyJoin.AddRange(members);
            return members;
        });
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, 8), HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], farm);
        var stats = (await admin.GetFromJsonAsync<BotDefenceStats.Counts>("api/v1/bot-defence/stats", SaleStack.Json))!;
        Assert.Equal(
            (0L, everyJoin.Count(code => code == HttpStatusCode.TooManyRequests), everyJoin.Count(code => code == HttpStatusCode.Forbidden)),
            (stats.LocalDecisions, stats.RateLimited, stats.ChallengeRequired));

        await _rateLimiter.DisposeAsync();
        var calm = new Shopper(_flashSale.CreateClient(("User-Agent", Shopper.BrowserUserAgent), ("X-Forwarded-For", "198.51.100.9")), "calm");
        Assert.Equal(HttpStatusCode.Created, (await calm.JoinAsync("limited")).Status);
        stats = (await admin.GetFromJsonAsync<BotDefenceStats.Counts>("api/v1/bot-defence/stats", SaleStack.Json))!;
        Assert.True(stats.LocalDecisions >= 1);
    }

    public async Task DisposeAsync()
    {
        if (_flashSale is not null)
        {
            await _flashSale.DisposeAsync();
        }
        if (_rateLimiter is not null)
        {
            await _rateLimiter.DisposeAsync();
        }
        _resources.Dispose();
    }
}
