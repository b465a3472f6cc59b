namespace AmazonScale.Bench;

/// <summary>An open-loop case: offered vs achieved rate and latency from each request's due time.</summary>
public sealed record OpenLoopResult(string Name, int Connections, double OfferedRate, TimeSpan Elapsed, OpenLoopTally Tally, TimeSpan LateThreshold)
{
    /// <summary>Measured requests answered per second; below the offered rate when the server (or the generator) fell behind.</summary>
    public double AchievedRate => Tally.Latency.Count / Elapsed.TotalSeconds;
}
