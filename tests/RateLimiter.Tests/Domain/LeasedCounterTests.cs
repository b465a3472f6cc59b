using AmazonScale.RateLimiter.Domain;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmazonScale.RateLimiter.Tests.Domain;

public class LeasedCounterTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock.AtWindowStart();
    private readonly LeaseOptions _options = new() { LeaseFraction = 0.05, OwnerRetryInterval = TimeSpan.FromSeconds(1) };

    private LeasedCounter[] Instances(int count, LimitSpec spec, IBudgetOwnerClient owner, FailureMode mode = FailureMode.Open) =>
        Enumerable.Range(0, count).Select(_ => new LeasedCounter("budget", spec, mode, owner, _options, _clock, NullLogger.Instance)).ToArray();

    [Theory]
    [InlineData(RateLimitAlgorithm.FixedWindow)]
    [InlineData(RateLimitAlgorithm.TokenBucket)]
    [InlineData(RateLimitAlgorithm.SlidingWindowCounter)]
    [InlineData(RateLimitAlgorithm.SlidingWindowLog)]
    public async Task Concurrent_callers_on_many_instances_never_exceed_the_limit_plus_outstanding_leases(RateLimitAlgorithm algorithm)
    {
        var spec = LimitSpec.Create(algorithm, 1_000, TimeSpan.FromMinutes(1));
        var owner = new InProcessBudgetOwner(_clock, _options);
        var instances = Instances(4, spec, owner);
        long admitted = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(caller => Task.Run(async () =>
        {
            var instance = instances[caller % instances.Length];
            for (var attempt = 0; attempt < 500; attempt++)
            {
                if ((await instance.AcquireAsync(1 + attempt % 3, waitForOwner: true, CancellationToken.None)).Allowed)
                {
                    Interlocked.Add(ref admitted, 1 + attempt % 3);
                }
            }
        })));

        // The clock never moved: the owner's budget is exactly the limit and every admission spent a leased unit.
        Assert.True(owner.Granted <= spec.Limit, $"owner granted {owner.Granted}");
        Assert.True(admitted <= owner.Granted, $"admitted {admitted} of {owner.Granted} granted");
        Assert.True(admitted >= spec.Limit - instances.Length * _options.LeaseSizeFor(spec) * 2, $"only {admitted} admitted: leases should not strand most of the budget");
        await WaitUntil(() => owner.Granted - admitted == instances.Sum(instance => instance.Outstanding));
    }

    [Fact]
    public async Task Over_time_admissions_stay_within_limit_per_window_plus_the_documented_slack()
    {
        var spec = LimitSpec.Create(RateLimitAlgorithm.SlidingWindowCounter, 200, TimeSpan.FromSeconds(10));
        var owner = new InProcessBudgetOwner(_clock, _options);
        var instances = Instances(3, spec, owner);
        var admissions = new List<DateTimeOffset>();
        for (var tick = 0; tick < 3000; tick++)
        {
            foreach (var instance in instances)
            {
                if ((await instance.AcquireAsync(1, waitForOwner: true, CancellationToken.None)).Allowed)
                {
                    admissions.Add(_clock.GetUtcNow());
                }
            }
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        var slack = _options.MaxOverAdmission(spec, instances.Length);
        var approximation = spec.Limit; // the two-counter estimate may admit up to previous × f more (see SlidingWindowCounterLimiter)
        foreach (var start in admissions.Where((_, index) => index % 25 == 0))
        {
            var inWindow = admissions.Count(at => at >= start && at < start + spec.Window);
            Assert.True(inWindow <= spec.Limit + approximation + slack, $"{inWindow} admitted in one window");
        }
        var fixedAligned = admissions.GroupBy(at => WindowClock.WindowStart(at.UtcTicks, spec.Window)).Max(group => group.Count());
        Assert.True(fixedAligned <= spec.Limit + slack, $"{fixedAligned} admitted in one aligned window");
    }

    [Fact]
    public async Task Fixed_window_leases_end_at_the_window_boundary()
    {
        var spec = LimitSpec.Create(RateLimitAlgorithm.FixedWindow, 100, TimeSpan.FromSeconds(10));
        var owner = new InProcessBudgetOwner(_clock, new LeaseOptions { LeaseFraction = 0.5, MaxLeaseDuration = TimeSpan.FromMinutes(1) });
        var instance = new LeasedCounter("budget", spec, FailureMode.Open, owner, new LeaseOptions { LeaseFraction = 0.5, MaxLeaseDuration = TimeSpan.FromMinutes(1) }, _clock, NullLogger.Instance);
        _clock.Advance(TimeSpan.FromSeconds(9));

        Assert.True((await instance.AcquireAsync(1, waitForOwner: true, CancellationToken.None)).Allowed);
        Assert.True(instance.Outstanding > 0);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, instance.Outstanding);
    }

    [Fact]
    public async Task Fail_open_falls_back_to_a_local_limit_and_recovers_when_the_owner_returns()
    {
        var spec = LimitSpec.Create(RateLimitAlgorithm.FixedWindow, 10, TimeSpan.FromMinutes(1));
        var owner = new InProcessBudgetOwner(_clock, _options) { Unreachable = true };
        var instance = Instances(1, spec, owner)[0];

        var results = new List<bool>();
        for (var attempt = 0; attempt < 12; attempt++)
        {
            results.Add((await instance.AcquireAsync(1, waitForOwner: true, CancellationToken.None)).Allowed);
        }
        Assert.Equal(10, results.Count(allowed => allowed));

        owner.Unreachable = false;
        _clock.Advance(_options.OwnerRetryInterval);
        Assert.True((await instance.AcquireAsync(1, waitForOwner: true, CancellationToken.None)).Allowed);
        Assert.True(owner.Granted > 0);
    }

    [Fact]
    public async Task Fail_closed_denies_while_the_owner_is_unreachable()
    {
        var spec = LimitSpec.Create(RateLimitAlgorithm.TokenBucket, 10, TimeSpan.FromMinutes(1));
        var owner = new InProcessBudgetOwner(_clock, _options) { Unreachable = true };
        var instance = Instances(1, spec, owner, FailureMode.Closed)[0];

        var denied = await instance.AcquireAsync(1, waitForOwner: true, CancellationToken.None);

        Assert.False(denied.Allowed);
        Assert.Equal(_options.OwnerRetryInterval, denied.RetryAfter);
        owner.Unreachable = false;
        _clock.Advance(_options.OwnerRetryInterval);
        Assert.True((await instance.AcquireAsync(1, waitForOwner: true, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task Async_checks_answer_from_local_knowledge_and_repay_the_credit_from_the_next_lease()
    {
        var spec = LimitSpec.Create(RateLimitAlgorithm.FixedWindow, 100, TimeSpan.FromMinutes(1));
        var owner = new InProcessBudgetOwner(_clock, _options);
        var instance = Instances(1, spec, owner)[0];

        var first = await instance.AcquireAsync(1, waitForOwner: false, CancellationToken.None);

        Assert.True(first.Allowed);
        await WaitUntil(() => owner.Granted > 0);
        await WaitUntil(() => instance.Outstanding == owner.Granted - 1);
    }

    [Fact]
    public async Task Time_based_renewals_of_a_quiet_key_never_hold_more_than_two_leases()
    {
        var spec = LimitSpec.Create(RateLimitAlgorithm.TokenBucket, 1000, TimeSpan.FromDays(1));
        var owner = new InProcessBudgetOwner(_clock, _options);
        var instance = Instances(1, spec, owner)[0];
        var lifetime = _options.MaxLeaseDuration;

        for (var check = 0; check < 8; check++)
        {
            var (granted, held) = (owner.Granted, instance.Outstanding);
            Assert.True((await instance.AcquireAsync(1, waitForOwner: true, CancellationToken.None)).Allowed);
            // The first check waits for its lease; each later one, past 3/4 of the lease's life, renews it in the
            // background, keeping the leftover: wait until the grant has landed.
            await WaitUntil(() => owner.Granted > granted && instance.Outstanding == held - 1 + (owner.Granted - granted));
            Assert.InRange(instance.Outstanding, 1, 2 * _options.LeaseSizeFor(spec));
            _clock.Advance(lifetime * 0.85);
        }
    }

    [Fact]
    public async Task Keys_leased_at_the_same_moment_come_up_for_renewal_at_different_moments_within_the_lease()
    {
        var spec = LimitSpec.Create(RateLimitAlgorithm.TokenBucket, 1000, TimeSpan.FromDays(1));
        var owner = new InProcessBudgetOwner(_clock, _options);
        var keys = Enumerable.Range(0, 64).Select(key => new LeasedCounter($"budget-{key}", spec, FailureMode.Open, owner, _options, _clock, NullLogger.Instance)).ToArray();
        var grantedAt = _clock.GetUtcNow();

        foreach (var key in keys)
        {
            Assert.True((await key.AcquireAsync(1, waitForOwner: true, CancellationToken.None)).Allowed);
        }

        var lifetime = _options.MaxLeaseDuration;
        Assert.All(keys, key => Assert.InRange(key.RenewsAt, grantedAt + lifetime / 2, grantedAt + lifetime * 0.75));
        // Spread, not in step: 64 draws from a quarter of the lease's life (ticks) practically never collide.
        Assert.True(keys.Select(key => key.RenewsAt).Distinct().Count() > 32, "renewal times are not spread");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Generous: the background renewal only needs a thread-pool turn, but CI boxes run at load 20+.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 15 s");
            await Task.Delay(10);
        }
    }
}
