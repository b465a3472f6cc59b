namespace AmazonScale.Bench;

public sealed record BenchResult(string Name, int Concurrency, TimeSpan Elapsed, LatencyHistogram Latency)
{
    public double Throughput => Latency.Count / Elapsed.TotalSeconds;
}
