namespace AmazonScale.Payments;

/// <summary>Settings from the "Payments" section: how the SANDBOX simulator behaves. It moves no money.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>Simulated provider latency: uniformly between Latency - Jitter and Latency + Jitter.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan LatencyJitter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Share (0-1) of sandbox_ok payments that are declined anyway, as a card issuer would.</summary>
    public double FailureRate { get; set; } = 0.05;
}
