namespace AmazonScale.Bench;

/// <summary>CPU time of server processes during a load case: on a shared, loaded box far steadier than throughput.</summary>
public static class ProcessCpu
{
    /// <summary>
    /// CPU each meter (e.g. a process's TotalProcessorTime) reports during a <see cref="LoadRunner"/> case's measured
    /// window: start it right before the case with the same warm-up and duration.
    /// </summary>
    public static async Task<TimeSpan[]> DuringMeasurementAsync(TimeSpan warmup, TimeSpan duration, params Func<TimeSpan>[] meters)
    {
        await Task.Delay(warmup);
        var meter = new CpuMeter([.. meters.Select(read => (Name: "", Read: read))]);
        await Task.Delay(duration);
        return [.. meter.Since().Processes.Select(process => process.Cpu)];
    }
}
