using System.Diagnostics;

namespace AmazonScale.Bench;

/// <summary>
/// Open-loop arrivals of independent flows (e.g. simulated customers, each a sequence of requests): flow i starts at
/// start + i / rate, evenly spaced (an <see cref="OpenLoopSchedule"/> on one sequence), whether or not earlier flows have
/// finished, so the offered load does not ease off when the server slows down as a closed loop's does. Slow service
/// shows as flows piling up instead. Past <c>overloadBound</c> flows in the system at once the run is overloaded:
/// arrivals stop and <see cref="OverloadedAfter"/> says when. Capping the flows in flight would quietly make it a
/// closed loop again; letting the backlog grow would never end.
/// </summary>
public sealed class OpenLoopArrivals(double ratePerSecond, int overloadBound)
{
    private int _outstanding;

    public double RatePerSecond => ratePerSecond;

    public int OverloadBound => overloadBound;

    /// <summary>Flows started and not yet finished.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    public int MaxOutstanding { get; private set; }

    public int Arrived { get; private set; }

    /// <summary>How long after its due time each flow was started: the load generator's own lateness (timer granularity, a starved thread pool).</summary>
    public LatencyHistogram StartLag { get; } = new();

    /// <summary>When arrivals stopped because too many flows were outstanding; null when every flow arrived.</summary>
    public TimeSpan? OverloadedAfter { get; private set; }

    /// <summary>Starts <paramref name="flow"/> for each arrival at its due time (a Stopwatch timestamp, passed to the flow) and waits for all that started.</summary>
    public async Task RunAsync<T>(IReadOnlyList<T> arrivals, Func<T, long, Task> flow)
    {
        OpenLoopSelfCheck.Verify();
        var schedule = new OpenLoopSchedule(ratePerSecond, 1, Stopwatch.GetTimestamp(), Stopwatch.Frequency, TimeSpan.Zero, TimeSpan.FromSeconds(arrivals.Count / ratePerSecond));
        var started = new List<Task>(arrivals.Count);
        for (var i = 0; i < arrivals.Count; i++)
        {
            var due = schedule.DueOfRequest(i);
            await OpenLoopRunner.WaitUntilAsync(due);
            var outstanding = Interlocked.Increment(ref _outstanding);
            if (outstanding > overloadBound)
            {
                Interlocked.Decrement(ref _outstanding);
                OverloadedAfter = Stopwatch.GetElapsedTime(schedule.DueOfRequest(0));
                break;
            }
            MaxOutstanding = Math.Max(MaxOutstanding, outstanding);
            StartLag.RecordMicroseconds(schedule.Microseconds(due, Stopwatch.GetTimestamp()));
            Arrived++;
            started.Add(RunOneAsync(arrivals[i], due));
        }
        await Task.WhenAll(started);

        async Task RunOneAsync(T arrival, long due)
        {
            try
            {
                await flow(arrival, due);
            }
            finally
            {
                Interlocked.Decrement(ref _outstanding);
            }
        }
    }
}
