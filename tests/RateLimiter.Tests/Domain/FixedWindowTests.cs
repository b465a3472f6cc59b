using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Tests.Domain;

public class FixedWindowTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock.AtWindowStart();

    [Fact]
    public void Admits_the_limit_per_window_and_resets_exactly_at_the_boundary()
    {
        var window = new FixedWindowLimiter(LimitSpec.Create(RateLimitAlgorithm.FixedWindow, 3, TimeSpan.FromMinutes(1)), _clock);
        _clock.Advance(TimeSpan.FromSeconds(45));

        Assert.All(Enumerable.Range(0, 3), _ => Assert.True(window.TryAcquire(1).Allowed));
        var denied = window.TryAcquire(1);
        Assert.False(denied.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(15), denied.RetryAfter);

        _clock.Advance(TimeSpan.FromSeconds(15) - TimeSpan.FromTicks(1));
        Assert.False(window.TryAcquire(1).Allowed);
        _clock.Advance(TimeSpan.FromTicks(1));
        var next = window.TryAcquire(1);
        Assert.True(next.Allowed);
        Assert.Equal(2, next.Remaining);
        Assert.Equal(TimeSpan.FromMinutes(1), next.ResetAfter);
    }

    [Fact]
    public void Windows_are_aligned_on_the_epoch_so_instances_agree()
    {
        _clock.Advance(TimeSpan.FromSeconds(130));
        var window = new FixedWindowLimiter(LimitSpec.Create(RateLimitAlgorithm.FixedWindow, 3, TimeSpan.FromMinutes(1)), _clock);

        Assert.Equal(TimeSpan.FromSeconds(50), window.TryAcquire(1).ResetAfter);
    }

    [Fact]
    public void Weights_count_in_full_and_rollover_forgets_the_old_window()
    {
        var window = new FixedWindowLimiter(LimitSpec.Create(RateLimitAlgorithm.FixedWindow, 10, TimeSpan.FromHours(1)), _clock);

        Assert.True(window.TryAcquire(6).Allowed);
        Assert.False(window.TryAcquire(5).Allowed);
        Assert.True(window.TryAcquire(4).Allowed);
        _clock.Advance(TimeSpan.FromHours(3));
        Assert.True(window.TryAcquire(10).Allowed);
    }
}
