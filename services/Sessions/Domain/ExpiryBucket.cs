namespace AmazonScale.Sessions.Domain;

/// <summary>
/// A slot of the cleanup timing wheel: sessions whose deadline falls in one time slot (and one of a few shards) are
/// swept together by one reminder, instead of one durable reminder per session. The slot width is a thirtieth of the
/// session's idle timeout (1 s to 1 h), so a session outlives its deadline in the store by at most ~3% of its idle
/// timeout, while the number of live reminders stays at shards × slots in the horizon (a few thousand).
/// </summary>
public sealed record ExpiryBucket(string Id, DateTimeOffset DueAt)
{
    public const int Shards = 8;
    private static readonly TimeSpan MinWidth = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWidth = TimeSpan.FromHours(1);

    public static TimeSpan WidthFor(TimeSpan idleTimeout)
    {
        var wholeSeconds = TimeSpan.FromSeconds(Math.Floor((idleTimeout / 30).TotalSeconds));
        return wholeSeconds < MinWidth ? MinWidth : wholeSeconds > MaxWidth ? MaxWidth : wholeSeconds;
    }

    /// <summary>The first slot ending after <paramref name="deadline"/>; the shard comes from the (random) session id.</summary>
    public static ExpiryBucket For(string sessionId, DateTimeOffset deadline, TimeSpan idleTimeout)
    {
        var width = WidthFor(idleTimeout);
        var slot = deadline.UtcTicks / width.Ticks + 1;
        var shard = Convert.ToInt32(sessionId[..1], 16) % Shards;
        return new ExpiryBucket($"{(long)width.TotalSeconds}s-{slot}-{shard}", new DateTimeOffset(slot * width.Ticks, TimeSpan.Zero));
    }
}
