using System.Globalization;

namespace AmazonScale.Bench;

/// <summary>CPU time each process used over a stretch of a run, as measured by <see cref="CpuMeter"/>.</summary>
public sealed record CpuUse((string Name, TimeSpan Cpu)[] Processes)
{
    public string PerRequest(long requests) =>
        string.Join(", ", Processes.Select(process => string.Create(CultureInfo.InvariantCulture, $"{process.Name} {process.Cpu.TotalMicroseconds / requests:0} µs")))
        + string.Create(CultureInfo.InvariantCulture, $"; total {Processes.Sum(process => process.Cpu.TotalMicroseconds) / requests:0} µs ({Processes.Sum(process => process.Cpu.TotalSeconds):0.0} CPU-s)");

    /// <summary>Cores each process kept busy between an earlier reading and this one, <paramref name="elapsed"/> apart: "1.85 (0.90 / 0.40 / …)".</summary>
    public string CoresBusySince(CpuUse earlier, TimeSpan elapsed)
    {
        var cores = Processes.Select((process, i) => (process.Cpu - earlier.Processes[i].Cpu) / elapsed).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{cores.Sum():0.00} ({string.Join(" / ", cores.Select(busy => busy.ToString("0.00", CultureInfo.InvariantCulture)))})");
    }
}
