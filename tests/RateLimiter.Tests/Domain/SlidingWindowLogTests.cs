using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Tests.Domain;

public class SlidingWindowLogTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock.AtWindowStart();

    [Fact]
    public void Each_admission_frees_its_units_exactly_one_window_later()
    {
        var log = new SlidingWindowLogLimiter(LimitSpec.Create(RateLimitAlgorithm.SlidingWindowLog, 2, TimeSpan.FromSeconds(10)), _clock);
        Assert.True(log.TryAcquire(1).Allowed);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(log.TryAcquire(1).Allowed);

        var denied = log.TryAcquire(1);
        Assert.False(denied.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(6), denied.RetryAfter);

        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(log.TryAcquire(1).Allowed);
        Assert.False(log.TryAcquire(1).Allowed);
    }

    [Fact]
    public void No_window_of_any_alignment_ever_holds_more_than_the_limit()
    {
        var spec = LimitSpec.Create(RateLimitAlgorithm.SlidingWindowLog, 5, TimeSpan.FromSeconds(1));
        var log = new SlidingWindowLogLimiter(spec, _clock);
        var admitted = new List<DateTimeOffset>();
        for (var step = 0; step < 400; step++)
        {
            if (log.TryAcquire(1).Allowed)
            {
                admitted.Add(_clock.GetUtcNow());
            }
            _clock.Advance(TimeSpan.FromMilliseconds(step % 7 * 13));
        }

        Assert.All(admitted, start => Assert.True(admitted.Count(at => at >= start && at < start + spec.Window) <= spec.Limit));
    }

    [Fact]
    public void Weighted_retry_after_waits_for_enough_units_to_leave()
    {
        var log = new SlidingWindowLogLimiter(LimitSpec.Create(RateLimitAlgorithm.SlidingWindowLog, 10, TimeSpan.FromSeconds(10)), _clock);
        log.TryAcquire(4);
        _clock.Advance(TimeSpan.FromSeconds(2));
        log.TryAcquire(4);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var denied = log.TryAcquire(6);

        Assert.False(denied.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(6), denied.RetryAfter);
    }
}
