using AmazonScale.RateLimiter.Domain;

namespace AmazonScale.RateLimiter.Tests.Domain;

internal static class Policies
{
    public static RateLimitPolicy Local(string id, long limit, string[]? key = null, Dictionary<string, string>? match = null, bool shadow = false, RateLimitAlgorithm algorithm = RateLimitAlgorithm.FixedWindow) =>
        new(id, id, algorithm, limit, TimeSpan.FromMinutes(1), null, Active: true, shadow, PolicyScope.Local, FailureMode.Open,
            key ?? ["client_id"], match ?? [], [], Version: 1);
}
