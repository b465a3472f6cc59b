using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Tests.Domain;

public class SlidingWindowCounterTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock.AtWindowStart();
    private readonly LimitSpec _spec = LimitSpec.Create(RateLimitAlgorithm.SlidingWindowCounter, 100, TimeSpan.FromSeconds(10));

    [Fact]
    public void Previous_window_weighs_in_proportionally_to_its_remaining_overlap()
    {
        var limiter = new SlidingWindowCounterLimiter(_spec, _clock);
        Assert.True(limiter.TryAcquire(80).Allowed);
        _clock.Advance(TimeSpan.FromSeconds(12.5));

        // Estimate = 80 × 0.75 = 60, so 40 more fit.
        Assert.Equal(40, limiter.Peek().Remaining);
        Assert.True(limiter.TryAcquire(40).Allowed);
        var denied = limiter.TryAcquire(1);
        Assert.False(denied.Allowed);
        // 80 × (1 − f) + 40 + 1 ≤ 100 at f = 1 − 59/80: 0.2625 × 10 s after the window start, 0.125 s from now.
        Assert.Equal(TimeSpan.FromMilliseconds(125), denied.RetryAfter);
    }

    [Fact]
    public void Skipping_a_whole_window_forgets_the_previous_count()
    {
        var limiter = new SlidingWindowCounterLimiter(_spec, _clock);
        limiter.TryAcquire(100);
        _clock.Advance(TimeSpan.FromSeconds(25));

        Assert.True(limiter.TryAcquire(100).Allowed);
    }

    [Fact]
    public void Evenly_spread_traffic_is_limited_like_the_exact_log()
    {
        var approximate = new SlidingWindowCounterLimiter(_spec, _clock);
        var exact = new SlidingWindowLogLimiter(_spec with { Algorithm = RateLimitAlgorithm.SlidingWindowLog }, _clock);
        var (approximateAdmitted, exactAdmitted) = (0, 0);
        for (var step = 0; step < 10_000; step++)
        {
            approximateAdmitted += approximate.TryAcquire(1).Allowed ? 1 : 0;
            exactAdmitted += exact.TryAcquire(1).Allowed ? 1 : 0;
            _clock.Advance(TimeSpan.FromMilliseconds(5));
        }

        Assert.InRange(approximateAdmitted, exactAdmitted * 0.95, exactAdmitted * 1.05);
    }

    [Fact]
    public void Worst_case_burst_at_a_window_edge_stays_within_the_documented_bound()
    {
        // Adversary: the whole previous window arrives at its very end, then the caller probes continuously.
        var limiter = new SlidingWindowCounterLimiter(_spec, _clock);
        _clock.Advance(_spec.Window - TimeSpan.FromMilliseconds(1));
        var admissions = new List<(DateTimeOffset At, long Weight)>();
        while (limiter.TryAcquire(1).Allowed)
        {
            admissions.Add((_clock.GetUtcNow(), 1));
        }
        var previous = admissions.Count;
        for (var step = 0; step < 1000; step++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10));
            if (limiter.TryAcquire(1).Allowed)
            {
                admissions.Add((_clock.GetUtcNow(), 1));
            }
        }

        var windowStart = Clock.AtWindowStart().GetUtcNow() + _spec.Window;
        for (var end = windowStart; end <= windowStart + _spec.Window; end += TimeSpan.FromMilliseconds(10))
        {
            var fraction = (end - windowStart) / _spec.Window;
            var inSlidingWindow = admissions.Count(entry => entry.At > end - _spec.Window && entry.At <= end);
            Assert.True(inSlidingWindow <= _spec.Limit + previous * fraction + 1, $"{inSlidingWindow} admitted in the window ending at {fraction:P0}");
        }
        Assert.True(admissions.Count(entry => entry.At > windowStart + _spec.Window * 0.5 - _spec.Window && entry.At <= windowStart + _spec.Window * 0.5) > _spec.Limit,
            "the adversarial pattern should actually exceed the exact limit, or the test proves nothing");
    }
}
