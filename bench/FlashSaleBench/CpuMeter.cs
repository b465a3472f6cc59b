using System.Globalization;

namespace AmazonScale.Bench.FlashSale;

/// <summary>
/// CPU time (user + system) each process used since the meter was made: divided by the requests served, it is the
/// cost per request, which stays comparable when the machine is shared (throughput and latency do not).
/// </summary>
public sealed class CpuMeter((string Name, Func<TimeSpan> Read)[] processes)
{
    private readonly TimeSpan[] _start = processes.Select(process => process.Read()).ToArray();

    public CpuUse Since() => new(processes.Select((process, i) => (process.Name, process.Read() - _start[i])).ToArray());
}

public sealed record CpuUse((string Name, TimeSpan Cpu)[] Processes)
{
    public string PerRequest(long requests) =>
        string.Join(", ", Processes.Select(process => string.Create(CultureInfo.InvariantCulture, $"{process.Name} {process.Cpu.TotalMicroseconds / requests:0} µs")))
        + string.Create(CultureInfo.InvariantCulture, $"; total {Processes.Sum(process => process.Cpu.TotalMicroseconds) / requests:0} µs ({Processes.Sum(process => process.Cpu.TotalSeconds):0.0} CPU-s)");
}
