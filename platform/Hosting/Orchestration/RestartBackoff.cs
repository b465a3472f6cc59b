namespace AmazonScale.Hosting.Orchestration;

/// <summary>
/// Delay before restarting a crashed resource: doubles from <see cref="Initial"/> up to <see cref="Maximum"/>,
/// and starts over once a run lasted <see cref="StableAfter"/> (a crash after a long healthy run is not a crash loop).
/// </summary>
public sealed record RestartBackoff
{
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Maximum { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <param name="consecutiveFailures">1 for the first crash of a streak.</param>
    public TimeSpan DelayFor(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        var exponent = Math.Min(consecutiveFailures - 1, 30);
        var delay = Initial * Math.Pow(2, exponent);
        return delay > Maximum ? Maximum : delay;
    }
}
