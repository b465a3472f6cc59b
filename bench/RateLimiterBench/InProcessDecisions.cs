using System.Diagnostics;
using AmazonScale.RateLimiter.Domain;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmazonScale.Bench.RateLimiter;

/// <summary>Decisions per second on one thread (= per core) for the raw algorithms and the full engine path.</summary>
internal static class InProcessDecisions
{
    public static IReadOnlyList<(string Case, double PerSecond)> Run(TimeSpan duration)
    {
        var results = new List<(string, double)>();
        foreach (var algorithm in Enum.GetValues<RateLimitAlgorithm>().Where(algorithm => algorithm != RateLimitAlgorithm.SlidingWindowLog))
        {
            var limiter = LimiterFactory.Create(LimitSpec.Create(algorithm, long.MaxValue / 4, TimeSpan.FromSeconds(1)), TimeProvider.System);
            results.Add(($"{algorithm} TryAcquire", Measure(duration, () => limiter.TryAcquire(1))));
        }
        var log = LimiterFactory.Create(LimitSpec.Create(RateLimitAlgorithm.SlidingWindowLog, 100_000, TimeSpan.FromMilliseconds(100)), TimeProvider.System);
        results.Add(("SlidingWindowLog TryAcquire (100K per 100 ms)", Measure(duration, () => log.TryAcquire(1))));

        var engine = new RateLimitEngine(TimeProvider.System, new UnreachableOwner(), new LeaseOptions(), [new DecisionTally()], NullLogger<RateLimitEngine>.Instance);
        engine.ReplaceAll(
        [
            new RateLimitPolicy("per-user", "per-user", RateLimitAlgorithm.TokenBucket, long.MaxValue / 4, TimeSpan.FromSeconds(1), null, true, false,
                PolicyScope.Local, FailureMode.Open, ["user"], new Dictionary<string, string>(), [], 1),
            new RateLimitPolicy("orders", "orders", RateLimitAlgorithm.SlidingWindowCounter, long.MaxValue / 4, TimeSpan.FromSeconds(1), null, true, false,
                PolicyScope.Local, FailureMode.Open, ["user"], new Dictionary<string, string> { ["resource"] = "/orders" }, [], 1),
        ]);
        var descriptors = Enumerable.Range(0, 1024)
            .Select(user => new Descriptors(new Dictionary<string, string> { ["user"] = $"u{user}", ["resource"] = "/orders" }))
            .ToArray();
        var next = 0;
        results.Add(("engine check: 2 matching policies, 1024 keys", Measure(duration, () => engine.CheckAsync(descriptors[next++ & 1023], 1, true, CancellationToken.None).GetAwaiter().GetResult())));
        return results;
    }

    private static double Measure<T>(TimeSpan duration, Func<T> decide)
    {
        for (var warm = 0; warm < 100_000; warm++)
        {
            decide();
        }
        var clock = Stopwatch.StartNew();
        long count = 0;
        while (clock.Elapsed < duration)
        {
            for (var batch = 0; batch < 1024; batch++)
            {
                decide();
            }
            count += 1024;
        }
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The in-process cases use local policies only; a global policy would need a budget owner.</summary>
    private sealed class UnreachableOwner : IBudgetOwnerClient
    {
        public Task<LeaseGrant> RequestLeaseAsync(LeaseRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the in-process bench uses local policies only");
    }
}
