namespace AmazonScale.Sidecar.PubSub.Delivery;

/// <summary>
/// Back-off between attempts to deliver one message to the app (the stand-in for daprd's default inbound
/// resiliency): exponential from <see cref="InitialDelay"/> doubling up to <see cref="MaxDelay"/>, for at most
/// <see cref="MaxAttempts"/> attempts. After that the message goes to the dead-letter topic if one is set;
/// otherwise it is handed back to the component unacknowledged, which redelivers it later (Redis: after
/// processingTimeout, durably; in-memory: after the same back-off, while the process lives).
/// </summary>
public sealed record DeliveryRetryPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    public static DeliveryRetryPolicy Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), 5);

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromMilliseconds(InitialDelay.TotalMilliseconds * factor);
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
