namespace AmazonScale.Bench;

/// <summary>
/// CPU time (user + system) each process used since the meter was made: divided by the requests served, it is the
/// cost per request, which stays comparable when the machine is shared (throughput and latency do not).
/// </summary>
public sealed class CpuMeter((string Name, Func<TimeSpan> Read)[] processes)
{
    private readonly TimeSpan[] _start = processes.Select(process => process.Read()).ToArray();

    public CpuUse Since() => new(processes.Select((process, i) => (process.Name, process.Read() - _start[i])).ToArray());
}
