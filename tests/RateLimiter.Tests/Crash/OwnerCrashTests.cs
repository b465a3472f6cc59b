using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AmazonScale.RateLimiter.Domain;
using AmazonScale.RateLimiter.Tests.Functional;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;
using Xunit.Abstractions;

namespace AmazonScale.RateLimiter.Tests.Crash;

/// <summary>
/// kill -9 of an instance that owns global budgets: one instance runs as OS processes (service + sidecar) and is
/// killed with SIGKILL while both instances take checks; the other (in-process) must keep answering and keep the
/// global limits: its checks reach the budgets' new owner (itself), which reloads their state from the store.
/// </summary>
[Collection(ProcessCrashCollection.Name)]
public sealed class OwnerCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Policy = "crash";
    private const int Users = 16;
    private const int Limit = 100;
    private const int Workers = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ResourcesFolder _resources = Components.Write(new ResourcesFolder());
    private readonly string[] _users = [.. Enumerable.Range(0, Users).Select(user => $"crash-user-{user}")];
    private readonly int[] _admitted = new int[Users];
    private RateLimiterProcess? _doomed;
    private RateLimiterInstance? _survivor;

    public async Task InitializeAsync()
    {
        _doomed = RateLimiterProcess.StartService(_resources);
        await _doomed.StartSidecarAsync();
        await _doomed.WaitForHealthAsync(HttpStatusCode.OK, Patience);
        _survivor = await RateLimiterInstance.StartAsync(_resources);
    }

    [Fact]
    public async Task Killing_a_budget_owner_with_sigkill_mid_load_keeps_every_global_limit_within_the_lease_slack()
    {
        var (doomed, survivor) = (_doomed!, _survivor!);
        using (var created = await survivor.Admin.PostAsJsonAsync("api/v1/policies", new
        {
            // A day-long token bucket: refill during the test is negligible (< 1 unit), so the limit is the capacity.
            id = Policy, algorithm = "token_bucket", limit = Limit, window = "1d", scope = "global", failure_mode = "closed", key = new[] { "user" },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await Poll.UntilAsync(() => doomed.Http.GetStringAsync($"api/v1/ratelimit/status?user={_users[0]}"), status => status.Contains(Policy, StringComparison.Ordinal),
            Patience, "the policy reaching the process instance");

        // Both instances spend 60% of every budget: more than the whole lease slack, so a budget that restarted
        // from zero after the crash (instead of being reloaded) would show as over-admission below.
        await Task.WhenAll(LoadAsync(doomed.Http, checksPerUser: 30), LoadAsync(survivor.Http, checksPerUser: 30));
        Assert.True(await HostedBudgetsAsync(doomed.SidecarAddress) > 0, "the process instance owns none of the 16 budgets");

        // Mid-load: the process instance is killed while both take checks.
        var doomedLoad = LoadUntilGoneAsync(doomed.Http);
        var survivorLoad = LoadAsync(survivor.Http, checksPerUser: 5);
        await Poll.UntilAsync(() => Task.FromResult(Volatile.Read(ref _doomedAnswers)), answers => answers >= Workers * 4, Patience, "checks answered by the process instance");
        doomed.KillHard();
        await Task.WhenAll(doomedLoad, survivorLoad);

        // The survivor keeps answering (failing closed while the owner is unreachable) until each budget's new owner
        // reports it exhausted: a denial with a real retry-after, not the one-second failure-mode retry.
        var exhausted = new bool[Users];
        await Poll.UntilAsync(async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, Users).Where(user => !exhausted[user]).Select(async user =>
            {
                foreach (var verdict in await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => CheckAsync(survivor.Http, user))))
                {
                    exhausted[user] |= verdict is { Allowed: false, RetryAfterSeconds: > 1 };
                }
            }));
            return exhausted.Count(done => done);
        }, done => done == Users, Patience, "every budget reported exhausted by a live owner after the crash");

        output.WriteLine($"admitted per budget (limit {Limit}): {string.Join(", ", _admitted)}; the killed instance answered {_doomedAnswers} checks after warm-up");
        var slack = new LeaseOptions().MaxOverAdmission(LimitSpec.Create(RateLimitAlgorithm.TokenBucket, Limit, TimeSpan.FromDays(1)), instances: 2);
        Assert.All(Enumerable.Range(0, Users), user => Assert.InRange(_admitted[user], Limit - slack, Limit + 1 + slack));
    }

    private int _doomedAnswers;

    private sealed record Verdict(bool Allowed, long RetryAfterSeconds);

    /// <summary><see cref="Workers"/> concurrent callers; every check must answer 200.</summary>
    private Task LoadAsync(HttpClient instance, int checksPerUser) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            for (var check = worker; check < checksPerUser * Users; check += Workers)
            {
                await CheckAsync(instance, check % Users);
            }
        }));

    /// <summary>Checks against the instance about to die until it stops answering; counts what it admitted before.</summary>
    private Task LoadUntilGoneAsync(HttpClient instance) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            for (var check = worker; ; check += Workers)
            {
                try
                {
                    await CheckAsync(instance, check % Users);
                    Interlocked.Increment(ref _doomedAnswers);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return;
                }
            }
        }));

    private async Task<Verdict> CheckAsync(HttpClient instance, int user)
    {
        using var response = await instance.PostAsJsonAsync("api/v1/ratelimit/check", new { descriptors = new Dictionary<string, string> { ["user"] = _users[user] } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var verdict = new Verdict((bool)body["allowed"]!, (long)body["retry_after"]!);
        if (verdict.Allowed)
        {
            Interlocked.Increment(ref _admitted[user]);
        }
        return verdict;
    }

    private static async Task<int> HostedBudgetsAsync(Uri sidecar)
    {
        using var http = new HttpClient { BaseAddress = sidecar };
        var metadata = await http.GetFromJsonAsync<JsonObject>("v1.0/metadata");
        return metadata!["actors"]!.AsArray().Where(actors => (string?)actors!["type"] == "BudgetActor").Sum(actors => (int)actors!["count"]!);
    }

    public async Task DisposeAsync()
    {
        if (_survivor is not null)
        {
            await _survivor.DisposeAsync();
        }
        _doomed?.Dispose();
        _resources.Dispose();
    }
}
