namespace AmazonScale.Bench;

/// <summary>wrk's latency distribution (--latency) and its maximum, in microseconds.</summary>
public sealed record WrkLatency(double P50, double P75, double P90, double P99, double Max);
