using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AmazonScale.RateLimiter.Domain;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.RateLimiter.Tests.Functional;

/// <summary>
/// Two instances of the service behind their own sidecars, sharing a SQLite state store (policies and
/// actor state) and a Redis broadcast pub/sub (consumerID {uuid}: every instance gets every change).
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = new();
    private RedisServer? _redis;
    private RateLimiterInstance? _first;
    private RateLimiterInstance? _second;

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartClusterAsync()
    {
        _redis = await RedisServer.StartAsync();
        Components.Write(_resources, _redis.Address);
        _first = await RateLimiterInstance.StartAsync(_resources);
        _second = await RateLimiterInstance.StartAsync(_resources);
    }

    [SkippableFact]
    public async Task Policy_changes_reach_every_instance_without_restart()
    {
        await StartClusterAsync();
        var (first, second) = (_first!, _second!);

        using (var created = await first.Admin.PostAsJsonAsync("api/v1/policies", new { id = "live", algorithm = "fixed_window", limit = 1, window = "1h", scope = "local", key = new[] { "user" } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await AssertAppliedAsync(second, "live", 1);

        using (var replaced = await first.Admin.PutAsJsonAsync("api/v1/policies/live", new { algorithm = "fixed_window", limit = 3, window = "1h", scope = "local", key = new[] { "user" } }))
        {
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        }
        await AssertAppliedAsync(second, "live", 2);
        var verdicts = new List<bool>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            verdicts.Add(await CheckAsync(second, "live-user"));
        }
        Assert.Equal([true, true, true, false], verdicts);

        using (var deleted = await first.Admin.DeleteAsync("api/v1/policies/live"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var engine = second.Services.GetRequiredService<RateLimitEngine>();
        await Eventually.Within(PropagationBudget.Allowed, () => engine.Find("live") is null, "deletion did not reach the second instance");
    }

    [SkippableFact]
    public async Task A_global_limit_holds_across_instances_within_the_documented_lease_slack()
    {
        await StartClusterAsync();
        const int limit = 200;
        await CreateGlobalPolicyAsync("global", limit, "closed");

        var admitted = await LoadAsync([_first!, _second!], "global-user", checksPerInstance: 400);

        var spec = LimitSpec.Create(RateLimitAlgorithm.TokenBucket, limit, TimeSpan.FromDays(1));
        var slack = new LeaseOptions().MaxOverAdmission(spec, instances: 2);
        Assert.InRange(admitted, limit - slack, limit + 1 + slack);
    }

    [SkippableFact]
    public async Task Killing_the_instance_that_owns_a_budget_mid_load_keeps_limits_and_answers()
    {
        await StartClusterAsync();
        const int limit = 300;
        await CreateGlobalPolicyAsync("failover", limit, "closed");
        var before = await LoadAsync([_first!, _second!], "failover-user", checksPerInstance: 60);

        var owner = await OwnerOfBudgetsAsync();
        var survivor = owner == _first ? _second! : _first!;
        await owner.DisposeAsync();
        var after = await LoadAsync([survivor], "failover-user", checksPerInstance: 600);

        var spec = LimitSpec.Create(RateLimitAlgorithm.TokenBucket, limit, TimeSpan.FromDays(1));
        var slack = new LeaseOptions().MaxOverAdmission(spec, instances: 2);
        Assert.InRange(before + after, limit - slack, limit + 1 + slack);
        Assert.True(after > 0, "the survivor never obtained a lease from the budget's new owner");
    }

    private async Task CreateGlobalPolicyAsync(string id, int limit, string failureMode)
    {
        // A day-long token bucket: refill during the test is negligible (< 1 unit), so the limit is the capacity.
        using var created = await _first!.Admin.PostAsJsonAsync("api/v1/policies", new
        {
            id, algorithm = "token_bucket", limit, window = "1d", scope = "global", failure_mode = failureMode, key = new[] { "user" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var engine = _second!.Services.GetRequiredService<RateLimitEngine>();
        await Eventually.Within(TimeSpan.FromSeconds(10), () => engine.Find(id) is not null, $"{id} never reached the second instance");
    }

    /// <summary>Concurrent checks (8 callers per instance); every one must answer 200. Returns how many were admitted.</summary>
    private static async Task<int> LoadAsync(RateLimiterInstance[] instances, string user, int checksPerInstance)
    {
        var admitted = 0;
        await Task.WhenAll(instances.SelectMany(instance => Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var check = 0; check < checksPerInstance / 8; check++)
            {
                if (await CheckAsync(instance, user))
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        })));
        return admitted;
    }

    private static async Task<bool> CheckAsync(RateLimiterInstance instance, string user)
    {
        using var response = await instance.Http.PostAsJsonAsync("api/v1/ratelimit/check", new { descriptors = new Dictionary<string, string> { ["user"] = user } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (bool)(await response.Content.ReadFromJsonAsync<JsonObject>())!["allowed"]!;
    }

    private async Task<RateLimiterInstance> OwnerOfBudgetsAsync()
    {
        foreach (var instance in new[] { _first!, _second! })
        {
            var metadata = await instance.Sidecar.Http.GetFromJsonAsync<JsonObject>("v1.0/metadata");
            if (metadata!["actors"]!.AsArray().Any(actors => (string?)actors!["type"] == "BudgetActor" && (int)actors["count"]! > 0))
            {
                return instance;
            }
        }
        throw new InvalidOperationException("no sidecar reports an active BudgetActor");
    }

    private static Task AssertAppliedAsync(RateLimiterInstance instance, string policyId, long version)
    {
        var engine = instance.Services.GetRequiredService<RateLimitEngine>();
        return Eventually.Within(PropagationBudget.Allowed, () => engine.Find(policyId)?.Version >= version, $"{policyId} v{version} did not reach the instance");
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in new[] { _second, _first })
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }
        _redis?.Dispose();
        _resources.Dispose();
    }
}
