using System.Diagnostics;

namespace AmazonScale.RateLimiter.Tests.Functional;

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds, failing once <paramref name="timeout"/> has passed.</summary>
    public static async Task Within(TimeSpan timeout, Func<bool> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, failure);
            await Task.Delay(10);
        }
    }
}
