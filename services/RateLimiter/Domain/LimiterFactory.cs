namespace AmazonScale.RateLimiter.Domain;

public static class LimiterFactory
{
    public static ILimiter Create(LimitSpec spec, TimeProvider clock) => spec.Algorithm switch
    {
        RateLimitAlgorithm.TokenBucket => new TokenBucketLimiter(spec, clock),
        RateLimitAlgorithm.FixedWindow => new FixedWindowLimiter(spec, clock),
        RateLimitAlgorithm.SlidingWindowLog => new SlidingWindowLogLimiter(spec, clock),
        RateLimitAlgorithm.SlidingWindowCounter => new SlidingWindowCounterLimiter(spec, clock),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Algorithm, "unknown algorithm"),
    };
}
