namespace AmazonScale.TaskQueue.Domain;

/// <summary>
/// Exponential back-off with jitter: the wait before attempt n+1 is initial × multiplier^(n-1), capped at max,
/// then spread by ±jitter (a fraction) so failing tasks do not retry in lock step.
/// </summary>
public sealed record RetryBackoff(double InitialSeconds, double MaxSeconds, double Multiplier, double Jitter)
{
    public static readonly RetryBackoff Default = new(1, 300, 2, 0.2);

    /// <param name="failedAttempt">The attempt that just failed (1 for the first).</param>
    /// <param name="jitterSample">A uniform sample in [0, 1).</param>
    public TimeSpan DelayAfter(int failedAttempt, double jitterSample)
    {
        var exponential = InitialSeconds * Math.Pow(Multiplier, failedAttempt - 1);
        var capped = Math.Min(exponential, MaxSeconds);
        var spread = capped * Jitter * (2 * jitterSample - 1);
        return TimeSpan.FromSeconds(Math.Max(0, capped + spread));
    }
}
