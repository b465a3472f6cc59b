namespace AmazonScale.RateLimiter.Tests.Crash;

/// <summary>
/// Tests that run the service as extra OS processes and drive load through them run alone: in parallel with the
/// other classes they would starve the in-process clusters whose tests assert sub-second propagation.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCrashCollection
{
    public const string Name = "rate limiter processes";
}
