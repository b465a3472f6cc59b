using System.Globalization;

namespace AmazonScale.Bench;

/// <summary>CPU time each process used over a stretch of a run, as measured by <see cref="CpuMeter"/>.</summary>
public sealed record CpuUse((string Name, TimeSpan Cpu)[] Processes)
{
    public string PerRequest(long requests) =>
        string.Join(", ", Processes.Select(process => string.Create(CultureInfo.InvariantCulture, $"{process.Name} {process.Cpu.TotalMicroseconds / requests:0} µs")))
        + string.Create(CultureInfo.InvariantCulture, $"; total {Processes.Sum(process => process.Cpu.TotalMicroseconds) / requests:0} µs ({Processes.Sum(process => process.Cpu.TotalSeconds):0.0} CPU-s)");
}
