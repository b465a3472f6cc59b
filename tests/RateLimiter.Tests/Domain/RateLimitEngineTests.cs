using AmazonScale.RateLimiter.Domain;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmazonScale.RateLimiter.Tests.Domain;

public class RateLimitEngineTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock.AtWindowStart();
    private readonly DecisionTally _tally = new();
    private readonly RateLimitEngine _engine;

    public RateLimitEngineTests()
    {
        _engine = new RateLimitEngine(_clock, new InProcessBudgetOwner(_clock, new LeaseOptions()), new LeaseOptions(), [_tally], NullLogger<RateLimitEngine>.Instance);
    }

    private static Descriptors Check(string client, params (string Name, string Value)[] extra) =>
        new(extra.Append(("client_id", client)).ToDictionary(pair => pair.Item1, pair => pair.Item2));

    private Task<CheckResult> CheckAsync(Descriptors descriptors, long weight = 1) =>
        _engine.CheckAsync(descriptors, weight, waitForOwner: true, CancellationToken.None).AsTask();

    [Fact]
    public async Task Every_matching_policy_must_allow_and_the_denying_one_is_named()
    {
        _engine.ReplaceAll([Policies.Local("per-client", 5), Policies.Local("orders", 2, match: new() { ["resource"] = "/orders" })]);

        var results = new List<CheckResult>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            results.Add(await CheckAsync(Check("alice", ("resource", "/orders"))));
        }

        Assert.Equal([true, true, false], results.Select(result => result.Allowed));
        Assert.Equal("orders", results[2].Deciding!.Policy.Id);
        Assert.Equal("orders", results[1].Deciding!.Policy.Id); // the least remaining decides an allowed check
        // The denied check consumed nothing: per-client still has 5 − 2 left.
        var status = _engine.Status(Check("alice"));
        Assert.Equal(3, Assert.Single(status).Decision.Remaining);
    }

    [Fact]
    public async Task Counters_are_partitioned_by_the_key_descriptors()
    {
        _engine.ReplaceAll([Policies.Local("per-ip", 1, key: ["ip"])]);

        Assert.True((await CheckAsync(Check("a", ("ip", "10.0.0.1")))).Allowed);
        Assert.False((await CheckAsync(Check("b", ("ip", "10.0.0.1")))).Allowed);
        Assert.True((await CheckAsync(Check("a", ("ip", "10.0.0.2")))).Allowed);
        Assert.True((await CheckAsync(Check("a"))).Allowed); // no ip descriptor: the policy does not apply
    }

    [Fact]
    public async Task Client_assignments_override_the_limit_by_priority_within_their_period()
    {
        var now = _clock.GetUtcNow();
        _engine.ReplaceAll([Policies.Local("per-client", 1) with
        {
            Clients =
            [
                new ClientAssignment("partner", 3, Priority: 1, null, null),
                new ClientAssignment("partner", 5, Priority: 9, now + TimeSpan.FromMinutes(5), null),
            ],
        }]);

        Assert.Equal(3, (await CheckAsync(Check("partner"))).Deciding!.Decision.Limit);
        Assert.Equal(1, (await CheckAsync(Check("other"))).Deciding!.Decision.Limit);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(5, (await CheckAsync(Check("partner"))).Deciding!.Decision.Limit);
    }

    [Fact]
    public async Task Shadow_policies_decide_and_are_counted_but_never_block()
    {
        _engine.ReplaceAll([Policies.Local("strict-shadow", 1, shadow: true)]);

        var results = new[] { await CheckAsync(Check("c")), await CheckAsync(Check("c")) };

        Assert.All(results, result => Assert.True(result.Allowed));
        Assert.Equal(DecisionOutcome.ShadowDenied, results[1].Decisions.Single().Outcome);
        Assert.Null(results[1].Deciding);
        Assert.Equal(new PolicyTally("strict-shadow", 1, 0, 1), Assert.Single(_tally.Drain()));
        Assert.Empty(_tally.Drain());
    }

    [Fact]
    public async Task A_new_policy_version_starts_fresh_counters_and_inactive_policies_do_not_apply()
    {
        var policy = Policies.Local("p", 1);
        _engine.ReplaceAll([policy]);
        await CheckAsync(Check("c"));
        Assert.False((await CheckAsync(Check("c"))).Allowed);

        Assert.True(_engine.Upsert(policy with { Limit = 2, Version = 2 }));
        Assert.False(_engine.Upsert(policy with { Version = 1 }));
        Assert.True((await CheckAsync(Check("c"))).Allowed);
        Assert.Equal(1, _engine.Sweep(TimeSpan.FromHours(1)));

        _engine.Upsert(policy with { Active = false, Version = 3 });
        Assert.Empty((await CheckAsync(Check("c"))).Decisions);
    }

    [Fact]
    public void Policy_index_finds_only_policies_whose_match_is_satisfied()
    {
        var set = new PolicySet(
        [
            Policies.Local("all", 1),
            Policies.Local("eu-orders", 1, match: new() { ["region"] = "eu", ["resource"] = "/orders" }),
            Policies.Local("eu", 1, match: new() { ["region"] = "eu" }),
        ]);

        Assert.Equal(["all", "eu", "eu-orders"], set.Matching(Check("c", ("region", "eu"), ("resource", "/orders"))).Select(policy => policy.Id));
        Assert.Equal(["all", "eu"], set.Matching(Check("c", ("region", "eu"), ("resource", "/cart"))).Select(policy => policy.Id));
        Assert.Equal(["all"], set.Matching(Check("c", ("region", "us"))).Select(policy => policy.Id));
    }

    [Fact]
    public void A_full_reload_never_rolls_back_a_newer_version_applied_from_an_event()
    {
        var policy = Policies.Local("p", 1);
        _engine.ReplaceAll([policy]);
        _engine.Upsert(policy with { Limit = 5, Version = 2 });

        _engine.ReplaceAll([policy, Policies.Local("q", 1)]);

        Assert.Equal(2, _engine.Find("p")!.Version);
        Assert.NotNull(_engine.Find("q"));
        _engine.ReplaceAll([]);
        Assert.Null(_engine.Find("p"));
    }
}
