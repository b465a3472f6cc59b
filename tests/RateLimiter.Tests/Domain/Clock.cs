using Microsoft.Extensions.Time.Testing;

namespace AmazonScale.RateLimiter.Tests.Domain;

internal static class Clock
{
    /// <summary>A fake clock at the start of an epoch-aligned minute, so window boundaries are easy to reason about.</summary>
    public static FakeTimeProvider AtWindowStart() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
