using System.Diagnostics;
using System.Globalization;

namespace AmazonScale.Bench;

/// <summary>
/// Open-loop load (wrk2-style): requests at a fixed offered rate over N connections, each connection sending its next
/// request at its due time or, when the previous answer is late, as soon as that answer arrives. Unlike
/// <see cref="LoadRunner"/>'s closed loop, which always runs at saturation (its latency is mostly queue depth), this
/// shows the latency a client sees at a load the server can carry.
/// </summary>
public static class OpenLoopRunner
{
    /// <summary>A connection that is still behind this long after the end stops; its remaining requests count as unsent.</summary>
    private static readonly TimeSpan GiveUpAfterEnd = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Half the p99 goal of the HTTP benches (10 ms): below it a late send is timer granularity or a short stall; above it
    /// the connection was still waiting for its previous answer, or the generator itself was starved.
    /// </summary>
    public static readonly TimeSpan DefaultLateThreshold = TimeSpan.FromMilliseconds(5);

    /// <summary>The baseline, then the service, at the same offered rate: latency compared where both can carry the load.</summary>
    public static async Task<(OpenLoopResult Baseline, OpenLoopResult Service)> PairAsync(
        double ratePerSecond, int connections, TimeSpan warmup, TimeSpan duration,
        (string Name, Func<int, CancellationToken, Task> Operation) baseline, (string Name, Func<int, CancellationToken, Task> Operation) service)
    {
        var first = await RunAsync(baseline.Name, connections, ratePerSecond, warmup, duration, DefaultLateThreshold, baseline.Operation);
        return (first, await RunAsync(service.Name, connections, ratePerSecond, warmup, duration, DefaultLateThreshold, service.Operation));
    }

    public static async Task<OpenLoopResult> RunAsync(
        string name, int connections, double ratePerSecond, TimeSpan warmup, TimeSpan duration, TimeSpan lateThreshold, Func<int, CancellationToken, Task> operation)
    {
        OpenLoopSelfCheck.Verify();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[bench] {name}: open loop at {ratePerSecond:0}/s, {warmup.TotalSeconds:0} s warm-up, {duration.TotalSeconds:0} s measured, {connections} connections"));
        var schedule = new OpenLoopSchedule(ratePerSecond, connections, Stopwatch.GetTimestamp(), Stopwatch.Frequency, warmup, duration);
        var giveUpAt = schedule.End + (long)(GiveUpAfterEnd.TotalSeconds * Stopwatch.Frequency);
        var threshold = (long)lateThreshold.TotalMicroseconds;
        var tallies = await Task.WhenAll(Enumerable.Range(0, connections).Select(connection => ConnectionAsync(schedule, connection, giveUpAt, threshold, operation)));

        var total = new OpenLoopTally();
        foreach (var tally in tallies)
        {
            total.Merge(tally);
        }
        var window = Math.Max(schedule.End, total.LastCompleted) - schedule.MeasuredFrom;
        return new OpenLoopResult(name, connections, ratePerSecond, Stopwatch.GetElapsedTime(0, window), total, lateThreshold);
    }

    private static async Task<OpenLoopTally> ConnectionAsync(OpenLoopSchedule schedule, int connection, long giveUpAt, long lateThresholdMicroseconds, Func<int, CancellationToken, Task> operation)
    {
        await Task.Yield();
        var tally = new OpenLoopTally();
        for (long round = 0; ; round++)
        {
            var due = schedule.Due(connection, round);
            if (due >= schedule.End)
            {
                return tally;
            }
            if (Stopwatch.GetTimestamp() > giveUpAt)
            {
                tally.CountUnsent(schedule.MeasuredFromRound(connection, round));
                return tally;
            }
            await WaitUntilAsync(due);
            var sent = Stopwatch.GetTimestamp();
            await operation(connection, CancellationToken.None);
            if (schedule.IsMeasured(due))
            {
                tally.Record(schedule, due, sent, Stopwatch.GetTimestamp(), lateThresholdMicroseconds);
            }
        }
    }

    /// <summary>Never early (that would hide latency); timers have about a millisecond's granularity, so up to ~1-2 ms late.</summary>
    public static async Task WaitUntilAsync(long due)
    {
        for (var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due); remaining > TimeSpan.Zero; remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)));
        }
    }
}
