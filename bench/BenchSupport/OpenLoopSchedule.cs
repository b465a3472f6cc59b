namespace AmazonScale.Bench;

/// <summary>
/// A constant offered rate spread over N connections (wrk2-style): request i of the run is due at start + i / rate, and
/// connection w sends requests w, w + N, w + 2N, … so each connection sends every N / rate seconds, staggered by 1 / rate.
/// Requests due in the warm-up are sent but not recorded; none is due at or after the end. Timestamps are in the units of
/// <c>frequency</c> ticks per second (Stopwatch ticks in a run, anything in a check).
/// </summary>
public sealed class OpenLoopSchedule
{
    private readonly long _start;
    private readonly int _connections;
    private readonly double _ticksPerRequest;
    private readonly double _ticksPerMicrosecond;

    public OpenLoopSchedule(double ratePerSecond, int connections, long start, long frequency, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(connections);
        (RatePerSecond, _start, _connections) = (ratePerSecond, start, connections);
        _ticksPerRequest = frequency / ratePerSecond;
        _ticksPerMicrosecond = frequency / 1e6;
        MeasuredFrom = start + Ticks(warmup, frequency);
        End = MeasuredFrom + Ticks(duration, frequency);
    }

    public double RatePerSecond { get; }

    /// <summary>The first due time that is recorded.</summary>
    public long MeasuredFrom { get; }

    /// <summary>Every request is due before this.</summary>
    public long End { get; }

    /// <summary>When a connection's <paramref name="round"/>-th request is due.</summary>
    public long Due(int connection, long round) => DueOfRequest(round * _connections + connection);

    /// <summary>When the run's <paramref name="request"/>-th request (counting from 0) is due, whichever connection sends it.</summary>
    public long DueOfRequest(long request) => _start + (long)Math.Round(request * _ticksPerRequest);

    public bool IsMeasured(long due) => due >= MeasuredFrom && due < End;

    /// <summary>How many of a connection's requests from <paramref name="round"/> on are due in the measured window.</summary>
    public long MeasuredFromRound(int connection, long round)
    {
        long count = 0;
        for (var due = Due(connection, round); due < End; due = Due(connection, ++round))
        {
            count += IsMeasured(due) ? 1 : 0;
        }
        return count;
    }

    public long Microseconds(long from, long to) => (long)((to - from) / _ticksPerMicrosecond);

    private static long Ticks(TimeSpan span, long frequency) => (long)Math.Round(span.TotalSeconds * frequency);
}
