using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.FlashSale.BotDefence;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// Bot defence with the rate-limiter service down (no app "rate-limiter" runs here): the local fallback limiter decides,
/// bot user agents are refused, and a client over its limit must solve a proof-of-work challenge to join again.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class BotDefenceTests : IAsyncLifetime
{
    private SaleStack _stack = null!;

    public async Task InitializeAsync() => _stack = await SaleStack.StartAsync(botDefence: true);

    public Task DisposeAsync() => _stack.DisposeAsync().AsTask();

    [Fact]
    public async Task Bots_are_refused_limited_and_challenged_and_the_refusals_are_counted()
    {
        var sale = await _stack.CreateSaleAsync(new { id = "bots", sku = "gpu", units = 10, price = 1m });
        foreach (var agent in new[] { "curl/8.5.0", "python-requests/2.31" })
        {
            var scripted = _stack.FlashSale.CreateClient(("User-Agent", agent));
            using var refused = await scripted.PostAsJsonAsync($"api/v1/sales/{sale.Id}/queue", new { customer_id = "scripted" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var (ip, joins) = await JoinWindow.WithinOneWindowAsync(async attempt =>
        {
            var ip = $"203.0.113.{7 + attempt}";
            var bot = _stack.NewShopper($"greedy{attempt}", ip);
            return (ip, new[] { await bot.JoinAsync(sale.Id), await bot.JoinAsync(sale.Id), await bot.JoinAsync(sale.Id) });
        });
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], joins.Select(join => join.Status));
        var challenge = JsonDocument.Parse(joins[2].Raw).RootElement.GetProperty("challenge").GetString()!;

        // Same IP, another customer: the IP is flagged, so joining needs the challenge solved.
        var neighbour = _stack.NewShopper("neighbour", ip);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.JoinAsync(sale.Id)).Status);
        Assert.Equal(HttpStatusCode.Created, await JoinWithSolvedChallengeAsync(neighbour, sale.Id, challenge));

        var stats = (await _stack.Admin.GetFromJsonAsync<BotDefenceStats.Counts>("api/v1/bot-defence/stats", SaleStack.Json))!;
        Assert.Equal((2, 1, 1, 1), (stats.UserAgentBlocked, stats.RateLimited, stats.ChallengeRequired, stats.ChallengePassed));
        Assert.True(stats.LocalDecisions >= 4);
    }

    [Fact]
    public async Task A_slow_farm_of_many_ips_in_one_network_is_challenged_while_distinct_humans_are_not()
    {
        var sale = await _stack.CreateSaleAsync(new { id = "farm", sku = "gpu", units = 10, price = 1m });

        // Twenty bots, each from its own IP of one /24 and each joining once: no per-IP or per-customer limit is hit,
        // but the network's count is; a twenty-first refused the same way. One window's round, with its stats before.
        var (before, farm, paying, refused) = await JoinWindow.WithinOneWindowAsync(async attempt =>
        {
            var network = $"192.0.{2 + attempt}";
            var stats = (await _stack.Admin.GetFromJsonAsync<BotDefenceStats.Counts>("api/v1/bot-defence/stats", SaleStack.Json))!;
            var members = new List<HttpStatusCode>();
            for (var bot = 1; bot <= 20; bot++)
            {
                members.Add((await _stack.NewShopper($"farm{attempt}-{bot}", ip: $"{network}.{bot}").JoinAsync(sale.Id)).Status);
            }
            var last = _stack.NewShopper($"farm{attempt}-21", ip: $"{network}.21");
            return (stats, members, last, await last.JoinAsync(sale.Id));
        });
        Assert.All(farm.Take(8), status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.All(farm.Skip(8), status => Assert.Equal(HttpStatusCode.Forbidden, status));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);

        // Twenty humans from twenty networks (one from an IPv6 /48 each as well) all get in.
        for (var human = 1; human <= 20; human++)
        {
            var ip = human % 2 == 0 ? $"100.64.{human}.10" : $"2001:db8:{human:x}::7";
            Assert.Equal(HttpStatusCode.Created, (await _stack.NewShopper($"human{human}", ip: ip).JoinAsync(sale.Id)).Status);
        }

        // A farm bot that pays with a solved challenge still gets in: the farm is slowed, not the network banned.
        var challenge = JsonDocument.Parse(refused.Raw).RootElement.GetProperty("challenge").GetString()!;
        Assert.Equal(HttpStatusCode.Created, await JoinWithSolvedChallengeAsync(paying, sale.Id, challenge));

        var after = (await _stack.Admin.GetFromJsonAsync<BotDefenceStats.Counts>("api/v1/bot-defence/stats", SaleStack.Json))!;
        Assert.Equal((13L, 0L), (after.ChallengeRequired - before.ChallengeRequired, after.RateLimited - before.RateLimited));
    }

    /// <summary>Joins sending the challenge solved (8 bits, the test setting), as a browser's script would.</summary>
    private static async Task<HttpStatusCode> JoinWithSolvedChallengeAsync(Shopper shopper, string saleId, string challenge)
    {
        using var solved = new HttpRequestMessage(HttpMethod.Post, $"api/v1/sales/{saleId}/queue") { Content = JsonContent.Create(new { customer_id = shopper.CustomerId }) };
        solved.Headers.Add(BotDefenceFilter.ChallengeHeader, challenge);
        solved.Headers.Add(BotDefenceFilter.SolutionHeader, ProofOfWork.Solve(challenge, 8));
        using var admitted = await shopper.Http.SendAsync(solved);
        return admitted.StatusCode;
    }
}
