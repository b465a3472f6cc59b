using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Tests.Domain;

public class TokenBucketTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock.AtWindowStart();

    [Fact]
    public void Burst_is_admitted_at_once_then_denied_until_refill()
    {
        var bucket = new TokenBucketLimiter(LimitSpec.Create(RateLimitAlgorithm.TokenBucket, 10, TimeSpan.FromSeconds(10), burst: 5), _clock);

        Assert.All(Enumerable.Range(0, 5), _ => Assert.True(bucket.TryAcquire(1).Allowed));
        var denied = bucket.TryAcquire(1);

        Assert.False(denied.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), denied.RetryAfter);
        Assert.Equal(0, denied.Remaining);
    }

    [Fact]
    public void Refills_at_limit_per_window_and_never_beyond_capacity()
    {
        var bucket = new TokenBucketLimiter(LimitSpec.Create(RateLimitAlgorithm.TokenBucket, 10, TimeSpan.FromSeconds(10), burst: 5), _clock);
        Assert.True(bucket.TryAcquire(5).Allowed);

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, bucket.Peek().Remaining);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(5, bucket.Peek().Remaining);
        Assert.Equal(TimeSpan.Zero, bucket.Peek().ResetAfter);
    }

    [Fact]
    public void Weights_consume_several_tokens_and_a_denied_weight_consumes_none()
    {
        var bucket = new TokenBucketLimiter(LimitSpec.Create(RateLimitAlgorithm.TokenBucket, 10, TimeSpan.FromSeconds(10)), _clock);

        Assert.True(bucket.TryAcquire(7).Allowed);
        var denied = bucket.TryAcquire(4);

        Assert.False(denied.Allowed);
        Assert.Equal(3, denied.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(1), denied.RetryAfter);
        Assert.True(bucket.TryAcquire(3).Allowed);
    }

    [Fact]
    public void A_weight_above_capacity_is_never_admitted()
    {
        var bucket = new TokenBucketLimiter(LimitSpec.Create(RateLimitAlgorithm.TokenBucket, 10, TimeSpan.FromSeconds(10)), _clock);

        var denied = bucket.TryAcquire(11);

        Assert.False(denied.Allowed);
        Assert.Equal(10, denied.Remaining);
    }

    [Fact]
    public void Released_tokens_return_to_the_bucket()
    {
        var bucket = new TokenBucketLimiter(LimitSpec.Create(RateLimitAlgorithm.TokenBucket, 10, TimeSpan.FromSeconds(10)), _clock);
        bucket.TryAcquire(10);

        bucket.Release(4);

        Assert.Equal(4, bucket.Peek().Remaining);
    }
}
