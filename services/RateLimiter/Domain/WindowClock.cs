namespace AmazonScale.RateLimiter.Domain;

/// <summary>
/// Fixed windows aligned on the Unix epoch, so every instance (and the budget owner) agrees on where a
/// window starts without talking to each other.
/// </summary>
public static class WindowClock
{
    public static long WindowStart(long utcTicks, TimeSpan window) =>
        utcTicks - ((utcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % window.Ticks);
}
