using System.Diagnostics;
using System.Globalization;

namespace AmazonScale.Bench;

/// <summary>Closed-loop load: N workers call the operation back-to-back for a fixed time after a warm-up.</summary>
public static class LoadRunner
{
    public static async Task<BenchResult> RunAsync(string name, int concurrency, TimeSpan warmup, TimeSpan duration, Func<int, CancellationToken, Task> operation)
    {
        // Progress on stderr (the results go to stdout): shows where a long run is, and lets a profiler attach to one case.
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench] {name}: {warmup.TotalSeconds:0} s warm-up, {duration.TotalSeconds:0} s measured, {concurrency} workers"));
        using (var warm = new CancellationTokenSource(warmup))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => LoopAsync(worker, operation, new LatencyHistogram(), warm.Token)));
        }

        var histograms = Enumerable.Range(0, concurrency).Select(_ => new LatencyHistogram()).ToArray();
        var clock = Stopwatch.StartNew();
        using (var measured = new CancellationTokenSource(duration))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => LoopAsync(worker, operation, histograms[worker], measured.Token)));
        }
        var elapsed = clock.Elapsed;

        var total = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            total.Merge(histogram);
        }
        return new BenchResult(name, concurrency, elapsed, total);
    }

    private static async Task LoopAsync(int worker, Func<int, CancellationToken, Task> operation, LatencyHistogram histogram, CancellationToken stop)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await operation(worker, CancellationToken.None);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                break;
            }
            histogram.RecordMicroseconds((long)Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }
}
