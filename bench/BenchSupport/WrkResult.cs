namespace AmazonScale.Bench;

/// <summary>
/// A wrk run's measured window: wrk's own figures (its latency distribution has only these percentiles) and, when the
/// caller named server processes, the CPU they used over the same window. <paramref name="WarmupRequests"/> = the answers
/// wrk reported for its warm-up run (with the measured ones: every request it saw answered, for reconciling side effects).
/// </summary>
public sealed record WrkResult(
    string Name, int Threads, int Connections, TimeSpan Elapsed, long Requests, double RequestsPerSecond,
    WrkLatency Latency, CpuUse? Cpu, long WarmupRequests)
{
    /// <summary>CPU per request of each named process, e.g. "service 52 µs, its sidecar 6 µs; total 58 µs (…)".</summary>
    public string? CpuPerRequest => Cpu?.PerRequest(Math.Max(1, Requests));
}
